using Pipeline.Tools;

namespace Pipeline.Images;

/// <summary>Where the source comes from: the commit time (a reproducible image creation date) and the origin URL without credentials.</summary>
public sealed record SourceInfo(string CommitTime, string SourceUrl)
{
    /// <summary>Reads both from git; "unknown" where git has nothing to say.</summary>
    public static async Task<SourceInfo> FromGitAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        var git = new ExternalTool("git").In(repositoryDirectory);
        var time = await git.RunAsync(["log", "-1", "--format=%cI"], cancellationToken);
        var origin = await git.RunAsync(["remote", "get-url", "origin"], cancellationToken);
        return new SourceInfo(
            time.Succeeded ? time.StandardOutput.Trim() : "unknown",
            origin.Succeeded ? WithoutCredentials(origin.StandardOutput.Trim()) : "unknown");
    }

    /// <summary><c>https://user:token@host/repo</c> becomes <c>https://host/repo</c>.</summary>
    public static string WithoutCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : url;
}
