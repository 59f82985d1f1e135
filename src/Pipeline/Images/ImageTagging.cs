using Pipeline.Versioning;

namespace Pipeline.Images;

/// <summary>The tags the pipeline gives a stage: production gets <c>&lt;version&gt;</c> and <c>&lt;version&gt;-&lt;sha&gt;</c>, other stages <c>&lt;version&gt;-&lt;stage&gt;</c>; never <c>latest</c>.</summary>
public static class ImageTagging
{
    /// <summary>Local tags of a stage, e.g. <c>app:1.2.3</c>, <c>app:1.2.3-abc1234</c>, <c>app:1.2.3-dev</c>.</summary>
    public static IReadOnlyList<string> LocalTags(string imageName, BuildVersion version, string? suffix) =>
        Tags(version, suffix).Select(t => $"{imageName}:{t}").ToList();

    /// <summary>The tags of a stage, without the repository.</summary>
    public static IReadOnlyList<string> Tags(BuildVersion version, string? suffix) =>
        suffix is null ? VersionTags.ImageTags(version) : [VersionTags.Sanitize($"{version.Version}-{suffix}")];
}
