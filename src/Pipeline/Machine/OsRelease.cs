namespace Pipeline.Machine;

/// <summary>The fields of <c>/etc/os-release</c> that decide whether apt-get is the way to install things.</summary>
internal sealed record OsRelease(string? Id, IReadOnlyList<string> IdLike, string? Name)
{
    private static readonly string[] DebianIds = ["debian", "ubuntu"];
    private static readonly string[] Files = ["/etc/os-release", "/usr/lib/os-release"];

    /// <summary>Debian, Ubuntu, or a distribution that says it is like one of them.</summary>
    public bool IsDebianLike => IdLike.Prepend(Id ?? "").Any(id => DebianIds.Contains(id, StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads <c>/etc/os-release</c> (or <c>/usr/lib/os-release</c>); empty on systems without one.</summary>
    public static OsRelease Read() =>
        Files.FirstOrDefault(File.Exists) is { } file
            ? Parse(File.ReadAllText(file))
            : new(null, [], null);

    /// <summary>Parses the <c>KEY=value</c> lines of an os-release file; values may be quoted.</summary>
    public static OsRelease Parse(string text)
    {
        var fields = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            .Select(line => (Key: line[..line.IndexOf('=')], Value: line[(line.IndexOf('=') + 1)..].Trim('"', '\'')))
            .GroupBy(f => f.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value);
        return new(
            fields.GetValueOrDefault("ID"),
            fields.GetValueOrDefault("ID_LIKE")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            fields.GetValueOrDefault("PRETTY_NAME") ?? fields.GetValueOrDefault("NAME"));
    }
}
