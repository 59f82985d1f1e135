using Pipeline.Tools;
using Serilog;

namespace Pipeline.Git;

/// <summary>
/// The one way the pipeline talks to git: a repository folder and the git command, never prompting for credentials.
/// Tags, history, source facts and pushes go through here.
/// </summary>
/// <param name="directory">The repository's folder (its work tree).</param>
public sealed class GitRepository(string directory)
{
    /// <summary>The repository's full path.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The git command (tests point it at an isolated configuration).</summary>
    internal ExternalTool Tool { get; init; } = new("git");

    private ExternalTool Git => Tool.In(Directory).WithEnvironment("GIT_TERMINAL_PROMPT", "0");

    /// <summary>Runs <c>git <paramref name="arguments"/></c> in the repository; <paramref name="log"/> gets the tool's output when given.</summary>
    public Task<ToolResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, ILogger? log = null) =>
        (log is null ? Git : Git.WithLog(log)).RunAsync(arguments, cancellationToken);

    /// <summary>Runs <c>git <paramref name="arguments"/></c> and throws, quoting git, when it fails.</summary>
    public Task<ToolResult> RunCheckedAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        Git.RunCheckedAsync(arguments, cancellationToken);

    /// <summary>Null when <see cref="Directory"/> is inside a git repository, else what git said.</summary>
    public async Task<string?> NotARepositoryAsync(CancellationToken cancellationToken)
    {
        var inside = await RunAsync(["rev-parse", "--git-dir"], cancellationToken);
        return inside.Succeeded ? null : inside.StandardError.Trim();
    }

    /// <summary>The full sha of <paramref name="revision"/> (a commit, abbreviated or not), or null when the repository has no such commit.</summary>
    public async Task<string?> CommitAsync(string revision, CancellationToken cancellationToken)
    {
        var commit = await RunAsync(["rev-parse", "--verify", "--quiet", $"{revision}^{{commit}}"], cancellationToken);
        return commit.Succeeded ? commit.StandardOutput.Trim() : null;
    }

    /// <summary>The committer date of <c>HEAD</c> in strict ISO 8601 (<c>%cI</c>), or null when there is no commit.</summary>
    public async Task<string?> HeadCommitTimeAsync(CancellationToken cancellationToken)
    {
        var time = await RunAsync(["log", "-1", "--format=%cI"], cancellationToken);
        return time.Succeeded ? time.StandardOutput.Trim() : null;
    }

    /// <summary>A configuration value, such as <c>user.name</c>, or null when unset.</summary>
    public async Task<string?> ConfigAsync(string key, CancellationToken cancellationToken) =>
        (await RunAsync(["config", key], cancellationToken)).StandardOutput.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The tags matching <paramref name="pattern"/> (a <c>git tag --list</c> glob).</summary>
    public async Task<IReadOnlyList<string>> TagNamesAsync(string pattern, CancellationToken cancellationToken) =>
        (await RunCheckedAsync(["tag", "--list", pattern], cancellationToken)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The URL of <c>origin</c>, or null when there is none.</summary>
    public async Task<string?> OriginUrlAsync(CancellationToken cancellationToken)
    {
        var origin = await RunAsync(["remote", "get-url", "origin"], cancellationToken);
        return origin.Succeeded ? origin.StandardOutput.Trim() : null;
    }

    /// <summary>Pushes the tag <paramref name="tag"/> to <c>origin</c>.</summary>
    public Task<ToolResult> PushTagAsync(string tag, ILogger log, CancellationToken cancellationToken) =>
        RunAsync(["push", "origin", $"refs/tags/{tag}"], cancellationToken, log);
}
