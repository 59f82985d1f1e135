namespace Pipeline.Versioning;

/// <summary>MinVer's algorithm on a git history: walk back from HEAD, stop on each path at the first commit with a version tag, take the highest version found (the nearest on a tie) and append its height.</summary>
internal static class VersionCalculator
{
    /// <summary>The version of HEAD, with the tag it came from (null when none) and the height above it.</summary>
    public static (SemanticVersion Version, string? Tag, int Height) Calculate(GitHistory history)
    {
        var candidates = new List<(SemanticVersion Version, string? Tag, int Height)>();
        var seen = new HashSet<string>();
        var pending = new Stack<(string Commit, int Height)>();
        pending.Push((history.Head, 0));
        while (pending.TryPop(out var item))
        {
            if (!seen.Add(item.Commit))
                continue;
            var tagged = history.TagsByCommit[item.Commit]
                .Select(tag => (Version: SemanticVersion.FromTag(tag), Tag: tag))
                .Where(t => t.Version is not null)
                .ToList();
            if (tagged.Count > 0)
            {
                candidates.AddRange(tagged.Select(t => (t.Version!, (string?)t.Tag, item.Height)));
                continue;
            }
            var parents = history.Parents.TryGetValue(item.Commit, out var p) ? p : [];
            if (parents.Length == 0)
                candidates.Add((SemanticVersion.Default, null, item.Height));
            foreach (var parent in parents.Reverse())
                pending.Push((parent, item.Height + 1));
        }
        var best = candidates.Select((c, index) => (c, index)).OrderBy(x => x.c.Version).ThenByDescending(x => x.index).Last().c;
        return (best.Version.WithHeight(best.Height), best.Tag, best.Height);
    }
}
