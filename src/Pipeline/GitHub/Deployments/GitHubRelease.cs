using System.Text;

namespace Pipeline.GitHub.Deployments;

/// <summary>The GitHub release a promotion makes: tag <c>v&lt;version&gt;</c> on the release's commit, notes naming the rollback tag.</summary>
/// <param name="Version">The version promoted.</param>
/// <param name="Commit">Its commit sha.</param>
/// <param name="Digests">Image per service by digest.</param>
/// <param name="RollbackTag">The rollback point made before the promotion, or null for a first promotion.</param>
/// <param name="PreviousVersion">What production ran before, or null.</param>
public sealed record GitHubRelease(string Version, string Commit, IReadOnlyDictionary<string, string> Digests, string? RollbackTag, string? PreviousVersion)
{
    /// <summary>The release's tag: <c>v</c> and the version.</summary>
    public string TagName => "v" + Version;

    /// <summary>True for a SemVer pre-release (a <c>-</c> before any build metadata).</summary>
    public bool Prerelease => Version.Split('+')[0].Contains('-');

    /// <summary>The release notes (Markdown).</summary>
    public string Notes()
    {
        var notes = new StringBuilder();
        notes.AppendLine($"Promoted to production: {Version} (commit {Commit}).").AppendLine();
        notes.AppendLine("Images by digest:");
        foreach (var (service, image) in Digests)
            notes.AppendLine($"- `{service}`: `{image}`");
        notes.AppendLine();
        notes.AppendLine(RollbackTag is null
            ? "First promotion: production was empty before, so there is no rollback tag."
            : $"Rollback tag: `{RollbackTag}` ({PreviousVersion ?? "the previous version"}). To go back: `{Commands.Rollback.With(Commands.Flags.Tag, RollbackTag)}`");
        return notes.ToString();
    }
}
