namespace Pipeline.Images.Base;

/// <summary>The machine's .NET folder: which SDKs and runtimes it holds, and a cheap fingerprint of a selection of it.</summary>
internal sealed class DotnetInstall(string root)
{
    public string Root => root;

    /// <summary>Version folders under <paramref name="folder"/> (e.g. <c>sdk</c>, <c>shared/Microsoft.NETCore.App</c>), newest first.</summary>
    public IReadOnlyList<string> Versions(string folder)
    {
        var path = Path.Combine(root, folder);
        return Directory.Exists(path)
            ? Directory.GetDirectories(path).Select(Path.GetFileName).OfType<string>()
                .Where(v => Version.TryParse(v.Split('-')[0], out _))
                .OrderByDescending(v => Version.Parse(v.Split('-')[0])).ThenByDescending(v => !v.Contains('-')).ToList()
            : [];
    }

    /// <summary>The newest version under <paramref name="folder"/> whose major.minor is <paramref name="majorMinor"/> (any when null).</summary>
    public string? Newest(string folder, string? majorMinor) =>
        Versions(folder).FirstOrDefault(v => majorMinor is null || v.StartsWith(majorMinor + ".", StringComparison.Ordinal));

    /// <summary>What is installed in the selection: folder names three levels deep and the sizes of files, without reading file contents.</summary>
    public string Fingerprint(IEnumerable<string> selection) =>
        string.Join('\n', selection.Order(StringComparer.Ordinal).SelectMany(s => Describe(s, 3)));

    IEnumerable<string> Describe(string relative, int depth)
    {
        var path = Path.Combine(root, relative);
        if (File.Exists(path))
            return [$"{relative} {new FileInfo(path).Length}"];
        if (!Directory.Exists(path))
            return [$"{relative} missing"];
        return depth == 0 || relative == "metadata"
            ? [relative + "/"]
            : Directory.GetFileSystemEntries(path).Order(StringComparer.Ordinal)
                .SelectMany(e => Describe(Path.GetRelativePath(root, e), depth - 1)).Prepend(relative + "/");
    }
}
