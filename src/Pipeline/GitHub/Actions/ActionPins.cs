namespace Pipeline.GitHub.Actions;

/// <summary>An action pinned to the commit of a release: <c>uses: actions/checkout@&lt;sha&gt; # v4.2.2</c>.</summary>
/// <param name="Repository">The action's repository, e.g. <c>actions/checkout</c>.</param>
/// <param name="Version">The release the commit is, written as the comment after the pin, e.g. <c>v4.2.2</c>.</param>
/// <param name="Commit">The release's full commit SHA (40 hex digits): a tag can be moved, a commit cannot.</param>
public sealed record PinnedAction(string Repository, string Version, string Commit)
{
    /// <summary>What <c>uses:</c> says: <c>actions/checkout@11bd719...</c>.</summary>
    public string Reference => $"{Repository}@{Commit}";
}

/// <summary>
/// The actions generated workflows use, each pinned to the commit of a published v4 release. To move one, change its
/// version and commit here (both from the action's release page) and run <c>./build.sh</c> to regenerate the workflows.
/// </summary>
public static class ActionPins
{
    /// <summary><c>actions/checkout</c> v4.2.2.</summary>
    public static PinnedAction Checkout { get; } = new("actions/checkout", "v4.2.2", "11bd71901bbe5b1630ceea73d27597364c9af683");

    /// <summary><c>actions/setup-dotnet</c> v4.3.1.</summary>
    public static PinnedAction SetupDotnet { get; } = new("actions/setup-dotnet", "v4.3.1", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9");

    /// <summary><c>actions/cache</c> v4.2.3.</summary>
    public static PinnedAction Cache { get; } = new("actions/cache", "v4.2.3", "5a3ec84eff668545956fd18022155c47e93e2684");

    /// <summary><c>actions/upload-artifact</c> v4.6.2.</summary>
    public static PinnedAction UploadArtifact { get; } = new("actions/upload-artifact", "v4.6.2", "ea165f8d65b6e75b540449e92b4886f43607fa02");

    /// <summary><c>actions/download-artifact</c> v4.3.0 (same major version as upload-artifact, as artifacts v4 require).</summary>
    public static PinnedAction DownloadArtifact { get; } = new("actions/download-artifact", "v4.3.0", "d3f86a106a0bac45b974a628896c90dbdf5c8093");

    /// <summary>Every pin.</summary>
    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, SetupDotnet, Cache, UploadArtifact, DownloadArtifact];
}
