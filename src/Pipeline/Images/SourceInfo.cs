using System.Text.RegularExpressions;
using Pipeline.Git;

namespace Pipeline.Images;

/// <summary>
/// Where the source comes from: the commit time (a reproducible image creation date) and the web address of <c>origin</c>
/// (<see cref="SourceUrl"/>), which is null when there is no origin or it is not a remote address (a local path, a file: URL).
/// </summary>
public sealed partial record SourceInfo(string CommitTime, string? SourceUrl)
{
    /// <summary>The OCI label the source address goes in; left out of the image when <see cref="SourceUrl"/> is null.</summary>
    public const string SourceLabel = "org.opencontainers.image.source";

    /// <summary>Reads both from git; "unknown" for the time and null for the address where git has nothing to say.</summary>
    public static async Task<SourceInfo> FromGitAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        var git = new GitRepository(repositoryDirectory);
        var time = await git.HeadCommitTimeAsync(cancellationToken);
        var origin = await git.OriginUrlAsync(cancellationToken);
        return new SourceInfo(time ?? "unknown", origin is null ? null : WebAddress(origin));
    }

    /// <summary>
    /// The https form of a git remote, without credentials, port of an SSH remote, or <c>.git</c>:
    /// <c>git@github.com:o/r.git</c>, <c>ssh://git@host:22/o/r.git</c> and <c>https://user:token@github.com/o/r.git</c> become
    /// <c>https://github.com/o/r</c>; an <c>http://</c> remote keeps its scheme. Null for a local path or a <c>file:</c> URL.
    /// </summary>
    public static string? WebAddress(string remote)
    {
        if (ScpLike().Match(remote) is { Success: true } scp)
            return Https(scp.Groups["host"].Value, port: null, scp.Groups["path"].Value);
        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.IsFile || uri.Host.Length == 0)
            return null;
        return uri.Scheme switch
        {
            "http" or "https" => new UriBuilder(uri) { UserName = "", Password = "", Path = WithoutGitSuffix(uri.AbsolutePath) }.Uri.ToString().TrimEnd('/'),
            "ssh" or "git" or "git+ssh" or "ssh+git" => Https(uri.Host, port: null, uri.AbsolutePath),
            _ => null,
        };
    }

    static string Https(string host, int? port, string path) =>
        new UriBuilder("https", host, port ?? -1, WithoutGitSuffix(path.TrimStart('/'))).Uri.ToString().TrimEnd('/');

    static string WithoutGitSuffix(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.EndsWith(".git", StringComparison.Ordinal) ? trimmed[..^4] : trimmed;
    }

    /// <summary><c>[user@]host:path</c>, git's scp-like syntax (no scheme, a colon before the first slash, a host of more than one letter).</summary>
    [GeneratedRegex(@"^(?:[^@/:]+@)?(?<host>[A-Za-z0-9.\-]{2,}):(?<path>(?!//)[^\\].*)$")]
    private static partial Regex ScpLike();
}
