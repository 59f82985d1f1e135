namespace Pipeline.GitHub.Actions;

/// <summary>Where <c>actions/upload-artifact</c> roots an artifact, so that a later job can put its files back where they were.</summary>
internal static class ArtifactRoot
{
    static readonly char[] Wildcards = ['*', '?', '['];

    /// <summary>
    /// The folder upload-artifact takes as the root of an artifact of <paramref name="paths"/> (relative to the
    /// workspace): the least common ancestor of their search paths, each path up to its first wildcard; <c>.</c> for the
    /// workspace itself. Null when it depends on what is on disk: one path without a wildcard is its own root when it
    /// is a folder, but its parent's when it is a file.
    /// </summary>
    public static string? Of(IReadOnlyList<string> paths)
    {
        var patterns = paths.Select(p => p.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (patterns.Count == 0 || (patterns.All(p => !p.Any(IsWildcard)) && patterns.Select(p => string.Join('/', p)).Distinct().Count() == 1))
            return null;
        var common = patterns.Select(p => p.TakeWhile(s => !IsWildcard(s)).ToArray())
            .Aggregate((a, b) => [.. a.Zip(b).TakeWhile(pair => pair.First == pair.Second).Select(pair => pair.First)]);
        return common.Length == 0 ? "." : string.Join('/', common);
    }

    static bool IsWildcard(string segment) => segment.IndexOfAny(Wildcards) >= 0;
}
