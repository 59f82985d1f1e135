namespace Pipeline.Versioning;

/// <summary>The version of a build, computed from git tags with MinVer's rules, and the commit it was built from.</summary>
/// <param name="Version">SemVer 2.0, such as <c>1.2.3</c>, <c>1.2.4-alpha.0.2</c> or <c>0.0.0-alpha.0.5</c>.</param>
/// <param name="Commit">The full commit sha of HEAD.</param>
/// <param name="ShortCommit">The first 7 characters of <paramref name="Commit"/>.</param>
public sealed record BuildVersion(string Version, string Commit, string ShortCommit)
{
    /// <summary>
    /// The version of HEAD in <paramref name="repositoryDirectory"/>, as MinVer computes it: the nearest SemVer tag (<c>1.2.3</c> or <c>v1.2.3</c>,
    /// other tags ignored) at height 0 gives its version; above an RTM tag, the next patch plus <c>-alpha.0.&lt;height&gt;</c>; above a pre-release tag,
    /// the pre-release plus <c>.&lt;height&gt;</c>; with no tag, <c>0.0.0-alpha.0.&lt;height above the root commit&gt;</c>.
    /// Throws <see cref="VersioningException"/> outside a git repository or in one with no commits.
    /// </summary>
    public static async Task<BuildVersion> FromGitAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        var history = await GitHistory.ReadAsync(repositoryDirectory, cancellationToken);
        var (version, _, _) = VersionCalculator.Calculate(history);
        return new BuildVersion(version.ToString(), history.Head, history.Head[..7]);
    }

    /// <summary>The version and short sha, for logs.</summary>
    public override string ToString() => $"{Version} ({ShortCommit})";
}
