using Docker.DotNet;
using Pipeline.Images;
using Pipeline.Images.Base;
using Pipeline.Versioning;
using Serilog;

namespace Pipeline.Debugging;

/// <summary>
/// Finds the debug image of a release: on the engine by digest when the release manifest knows it, else by its
/// <c>&lt;version&gt;-debug</c> tag; when the engine has none, pulls it from the registry.
/// </summary>
public static class DebugImage
{
    /// <summary>How long one pull may take.</summary>
    public static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The image references tried, in order.</summary>
    public static IReadOnlyList<string> Candidates(string version, ReleaseManifest? release, string registry, string imageName)
    {
        var tag = VersionTags.Sanitize($"{version}-debug");
        return
        [
            .. release is not null && release.Version == version && release.Images.TryGetValue("debug", out var pinned) ? [pinned] : Array.Empty<string>(),
            $"{registry}/{imageName}:{tag}",
            $"{imageName}:{tag}",
        ];
    }

    /// <summary>
    /// The first candidate the engine has; else the first that a registry serves, pulled; throws <see cref="DebugException"/>
    /// saying what to build when there is none anywhere.
    /// </summary>
    public static async Task<string> ResolveAsync(DockerClient client, IReadOnlyList<string> candidates, string version, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var candidate in candidates)
        {
            if (await RecipeImage.ExistsAsync(client, candidate, ct))
                return candidate;
        }
        var refused = new List<string>();
        foreach (var candidate in candidates.Where(FromRegistry))
        {
            log.Information("No {Image} on this engine: pulling it", candidate);
            if (await ImagePull.TryAsync(client, log, candidate, PullTimeout, ct) is not { } reason)
                return candidate;
            refused.Add($"{candidate}: {reason}");
        }
        throw new DebugException(
            $"No debug image of version {version} on this engine (looked for {string.Join(", ", candidates)})" +
            (refused.Count > 0 ? $" nor in the registry ({string.Join("; ", refused)})" : "") +
            $": check out the commit the snapshot names and run {Commands.BuildDebugImage} (or {Commands.PushImages}), then run DebugLocal again.");
    }

    /// <summary>True when the reference names a registry host (<c>host:port/...</c>, <c>host.domain/...</c>, <c>localhost/...</c>).</summary>
    static bool FromRegistry(string image) =>
        image.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 && image[..slash] is var host &&
        (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost");
}
