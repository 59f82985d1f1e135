using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Deployments;

/// <summary>A GitHub repository as <c>owner/name</c>.</summary>
/// <param name="Owner">The user or organization.</param>
/// <param name="Name">The repository name, without <c>.git</c>.</param>
public sealed partial record GitHubRepositoryName(string Owner, string Name)
{
    /// <summary><c>owner/name</c>.</summary>
    public override string ToString() => $"{Owner}/{Name}";

    /// <summary>Parses <c>owner/name</c>; null when <paramref name="text"/> is not of that shape.</summary>
    public static GitHubRepositoryName? Parse(string? text) =>
        OwnerName().Match(text?.Trim() ?? "") is { Success: true } m ? new(m.Groups["owner"].Value, m.Groups["name"].Value) : null;

    /// <summary>
    /// The repository of a git remote URL on GitHub or a GitHub Enterprise host: <c>https://github.com/o/n(.git)</c>,
    /// <c>git@github.com:o/n.git</c>, <c>ssh://git@host[:port]/o/n.git</c>; null for a local path or any other shape.
    /// </summary>
    public static GitHubRepositoryName? FromRemoteUrl(string? url) =>
        RemoteUrl().Match(url?.Trim() ?? "") is { Success: true } m ? new(m.Groups["owner"].Value, m.Groups["name"].Value) : null;

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?<name>[A-Za-z0-9._-]+?)(\.git)?$")]
    private static partial Regex OwnerName();

    [GeneratedRegex(@"^(?:(?:https?|ssh|git)://(?:[^@/\s]+@)?[^/\s:]+(?::\d+)?/|[^@/\s]+@[^:/\s]+:)(?<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$")]
    private static partial Regex RemoteUrl();
}
