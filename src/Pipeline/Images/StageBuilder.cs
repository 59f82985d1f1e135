using Docker.DotNet;
using Pipeline.Versioning;
using Serilog;

namespace Pipeline.Images;

/// <summary>
/// Builds one stage of the service's Dockerfile with the version, revision, creation time and source passed in as build arguments
/// (<c>APP_VERSION</c>, <c>APP_COMMIT</c>, <c>BUILD_CREATED</c>, <c>SOURCE_URL</c>); the source's web address also becomes the
/// <see cref="SourceInfo.SourceLabel"/> label. Without one (no <c>origin</c>, or a local one), neither is passed, so the image has no such label.
/// </summary>
public sealed class StageBuilder(DockerClient client, ILogger log)
{
    /// <summary>Builds <paramref name="stage"/>, tags it with <paramref name="tags"/>, and returns the image id.</summary>
    public async Task<string> BuildAsync(ServiceSettings service, string stage, IReadOnlyList<string> tags, BuildVersion version, SourceInfo source,
        IReadOnlyDictionary<string, string> baseImages, CancellationToken cancellationToken)
    {
        var args = new Dictionary<string, string>(baseImages)
        {
            ["APP_VERSION"] = version.Version,
            ["APP_COMMIT"] = version.Commit,
            ["BUILD_CREATED"] = source.CommitTime,
        };
        var labels = new Dictionary<string, string>();
        if (source.SourceUrl is { } url)
            (args["SOURCE_URL"], labels[SourceInfo.SourceLabel]) = (url, url);
        log.Information("Building stage {Stage} of {Dockerfile} as {Tags}", stage, service.Dockerfile, string.Join(", ", tags));
        var request = new ImageBuildRequest(service.ContextPath, service.DockerfilePath, tags) { Target = stage, BuildArgs = args, Labels = labels };
        return await new ImageBuilder(client, log).BuildAsync(request, cancellationToken);
    }
}
