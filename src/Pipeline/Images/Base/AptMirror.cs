namespace Pipeline.Images.Base;

/// <summary>The Debian mirror the machine's apt uses: the first non-security <c>deb</c> source.</summary>
internal static class AptMirror
{
    public const string Default = "http://deb.debian.org/debian";

    /// <summary>Reads <c>sources.list.d/*.sources</c> (deb822) then <c>sources.list</c> under <paramref name="aptDirectory"/>; null when none names a mirror.</summary>
    public static string? Detect(string aptDirectory)
    {
        var listDirectory = Path.Combine(aptDirectory, "sources.list.d");
        string[] deb822 = Directory.Exists(listDirectory) ? [.. Directory.GetFiles(listDirectory, "*.sources").Order(StringComparer.Ordinal)] : [];
        var fromDeb822 = deb822.SelectMany(f => FromDeb822(File.ReadAllText(f)));
        var list = Path.Combine(aptDirectory, "sources.list");
        var fromList = File.Exists(list) ? FromOneLineStyle(File.ReadAllLines(list)) : [];
        return fromDeb822.Concat(fromList).FirstOrDefault();
    }

    /// <summary>Mirrors named by deb822 stanzas of type <c>deb</c> that are not security archives.</summary>
    public static IEnumerable<string> FromDeb822(string text) =>
        text.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(Fields)
            .Where(s => s.GetValueOrDefault("types", "").Split(' ').Contains("deb") && !s.GetValueOrDefault("enabled", "yes").Equals("no", StringComparison.OrdinalIgnoreCase))
            .Where(s => !s.GetValueOrDefault("suites", "").Contains("security", StringComparison.Ordinal))
            .SelectMany(s => s.GetValueOrDefault("uris", "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(IsMirror);

    /// <summary>Mirrors named by <c>deb [options] uri suite components</c> lines.</summary>
    public static IEnumerable<string> FromOneLineStyle(IEnumerable<string> lines) =>
        lines.Select(l => l.Split('#')[0].Trim())
            .Where(l => l.StartsWith("deb ", StringComparison.Ordinal))
            .Select(l => l[4..].Trim())
            .Select(l => l.StartsWith('[') && l.IndexOf(']') is var end and > 0 ? l[(end + 1)..].Trim() : l)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 2 && !p[1].Contains("security", StringComparison.Ordinal))
            .Select(p => p[0])
            .Where(IsMirror);

    static bool IsMirror(string uri) =>
        (uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal)) && !uri.Contains("security", StringComparison.Ordinal);

    static Dictionary<string, string> Fields(string stanza) =>
        stanza.Split('\n').Where(l => !l.StartsWith('#') && l.Contains(':') && !char.IsWhiteSpace(l[0]))
            .Select(l => (Key: l[..l.IndexOf(':')].Trim().ToLowerInvariant(), Value: l[(l.IndexOf(':') + 1)..].Trim()))
            .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value);
}
