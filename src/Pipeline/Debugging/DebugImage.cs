using Docker.DotNet;
using Pipeline.Images;
using Pipeline.Versioning;

namespace Pipeline.Debugging;

/// <summary>Finds the debug image of a release on the engine: by digest when the release manifest knows it, else by its <c>&lt;version&gt;-debug</c> tag.</summary>
public static class DebugImage
{
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

    /// <summary>The first candidate the engine has; throws <see cref="DebugException"/> saying what to build when none is there.</summary>
    public static async Task<string> ResolveAsync(DockerClient client, IReadOnlyList<string> candidates, string version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var candidate in candidates)
        {
            try
            {
                await client.Images.InspectImageAsync(candidate, ct);
                return candidate;
            }
            catch (DockerImageNotFoundException)
            {
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest)
            {
            }
        }
        throw new DebugException(
            $"No debug image of version {version} on this engine (looked for {string.Join(", ", candidates)}): check out the commit the snapshot names and run ./build.sh BuildDebugImage (or ./build.sh PushImages), then run DebugLocal again.");
    }
}
