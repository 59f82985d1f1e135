namespace Pipeline.Model;

/// <summary>What a promotion ships: a version and commit, and the image of each service by digest.</summary>
/// <param name="Version">The release version, such as <c>1.2.3</c>.</param>
/// <param name="Commit">The full commit the release was built from.</param>
/// <param name="Images">Image per service: <c>app</c> → <c>registry/app@sha256:...</c> (a tag works too, for local experiments).</param>
public sealed record Release(string Version, string Commit, IReadOnlyDictionary<string, string> Images)
{
    /// <summary>A release of one service.</summary>
    public static Release Of(string version, string commit, string service, string image) =>
        new(version, commit, new Dictionary<string, string> { [service] = image });

    /// <summary>The services, in name order.</summary>
    public IEnumerable<string> Services => Images.Keys.Order(StringComparer.Ordinal);

    /// <summary>The <c>sha256:...</c> part of <paramref name="service"/>'s image, or an empty string when it is not a digest reference.</summary>
    public string Digest(string service) =>
        Images.TryGetValue(service, out var image) && image.LastIndexOf('@') is var at and >= 0 ? image[(at + 1)..] : "";

    /// <summary>The release's images, one per service, for logs: <c>app=registry/app@sha256:...</c>.</summary>
    public string Describe() => string.Join(", ", Services.Select(s => $"{s}={Images[s]}"));

    /// <summary>Value equality over the images too (records compare dictionaries by reference).</summary>
    public bool Equals(Release? other) =>
        other is not null && Version == other.Version && Commit == other.Commit
        && Images.Count == other.Images.Count && Images.All(i => other.Images.TryGetValue(i.Key, out var o) && o == i.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Commit, Images.Count);
}
