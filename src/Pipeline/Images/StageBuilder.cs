using Docker.DotNet;
using Pipeline.Versioning;
using Serilog;

namespace Pipeline.Images;

/// <summary>Builds one stage of the service's Dockerfile with the version, revision, creation time and source passed in.</summary>
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
            ["SOURCE_URL"] = source.SourceUrl,
        };
        log.Information("Building stage {Stage} of {Dockerfile} as {Tags}", stage, service.Dockerfile, string.Join(", ", tags));
        var request = new ImageBuildRequest(service.ContextPath, service.DockerfilePath, tags) { Target = stage, BuildArgs = args };
        return await new ImageBuilder(client, log).BuildAsync(request, cancellationToken);
    }
}
