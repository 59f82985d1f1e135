using Pipeline.Images;

namespace Pipeline.Environments;

/// <summary>What an environment runs: the release's version and commit, and the image by digest (<c>repo@sha256:...</c>).</summary>
/// <param name="Version">The release version, such as <c>1.2.3</c>.</param>
/// <param name="Commit">The full commit the release was built from.</param>
/// <param name="Image">The image reference, <c>repo@sha256:...</c> (a tag works too, for local experiments, with an empty digest label).</param>
public sealed record DeployedRelease(string Version, string Commit, string Image)
{
    /// <summary>The <c>sha256:...</c> part of <see cref="Image"/>, or an empty string when it is not a digest reference.</summary>
    public string Digest => Image.LastIndexOf('@') is var at and >= 0 ? Image[(at + 1)..] : "";

    /// <summary>The release of one stage (<c>production</c> by default) of a manifest that <c>PushImages</c> wrote.</summary>
    public static DeployedRelease From(ReleaseManifest manifest, string stage = "production")
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Images.TryGetValue(stage, out var image)
            ? new(manifest.Version, manifest.Commit, image)
            : throw new EnvironmentException($"The release manifest has no '{stage}' image (it has {string.Join(", ", manifest.Images.Keys)}): run ./build.sh PushImages.");
    }
}
