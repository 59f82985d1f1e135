using Pipeline.Git;

namespace Pipeline.Versioning;

/// <summary>What versioning needs from git: HEAD, the parents of every commit reachable from it, and the tags on commits.</summary>
internal sealed record GitHistory(string Head, IReadOnlyDictionary<string, string[]> Parents, ILookup<string, string> TagsByCommit)
{
    /// <summary>Reads the history of the repository that holds <paramref name="directory"/>.</summary>
    public static async Task<GitHistory> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
            throw new VersioningException($"Cannot compute a version: the folder {directory} does not exist. Run from the repository root.");
        var git = new GitRepository(directory);
        var inside = await git.RunAsync(["rev-parse", "--is-inside-work-tree"], cancellationToken);
        if (!inside.Succeeded)
            throw new VersioningException($"Cannot compute a version: {directory} is not in a git repository ({inside.StandardError.Trim()}). Run from a clone of the repository, not from a copy of its files.");
        var head = await git.RunAsync(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cancellationToken);
        if (!head.Succeeded)
            throw new VersioningException($"Cannot compute a version: the git repository at {directory} has no commits yet. Commit something first (git add . && git commit).");

        var log = await git.RunCheckedAsync(["rev-list", "--parents", "HEAD"], cancellationToken);
        var parents = Lines(log.StandardOutput).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1..]);
        var refs = await git.RunCheckedAsync(["for-each-ref", "--format=%(refname:strip=2)%09%(objectname)%09%(*objectname)", "refs/tags"], cancellationToken);
        var tags = Lines(refs.StandardOutput)
            .Select(l => l.Split('\t'))
            .Where(p => p.Length >= 2)
            .ToLookup(p => p.Length > 2 && p[2].Length > 0 ? p[2] : p[1], p => p[0]);
        return new GitHistory(head.StandardOutput.Trim(), parents, tags);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>No version could be computed from git; the message says why and what to do.</summary>
public sealed class VersioningException(string message, Exception? inner = null) : Exception(message, inner);
