using Docker.DotNet;
using Pipeline.Model;
using Pipeline.Registry;
using Pipeline.Versioning;
using Serilog;

namespace Pipeline.Images;

/// <summary>Tags and pushes the stages this run built, then writes the release manifest from the digests the registry serves.</summary>
/// <param name="client">The engine client.</param>
/// <param name="built">What this run built.</param>
/// <param name="log">Where to log.</param>
public sealed class ReleasePublisher(DockerClient client, BuiltImages built, ILogger log)
{
    /// <summary>Tags each stage built in this run for <paramref name="repository"/>; returns the stages with their tags.</summary>
    public async Task<IReadOnlyList<(ImageStage Stage, IReadOnlyList<string> Tags)>> TagAsync(ImageRepository repository, BuildVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var tagged = new List<(ImageStage, IReadOnlyList<string>)>();
        foreach (var (stage, local) in built.All)
        {
            var tags = ImageTagging.Tags(version, stage.TagSuffix);
            foreach (var tag in tags)
                await client.Images.TagImageAsync(local, new() { RepositoryName = repository.FullName, Tag = tag }, ct);
            tagged.Add((stage, tags));
        }
        return tagged;
    }

    /// <summary>
    /// Pushes each stage built in this run to <paramref name="repository"/> and writes <paramref name="manifestPath"/>. Nothing built
    /// means nothing pushed: that fails, and the manifest on disk is never replaced by an empty one.
    /// </summary>
    public async Task<IReadOnlyList<(ImageStage Stage, PushResult Pushed)>> PushAsync(
        ImageRepository repository, BuildVersion version, RegistryCredentials credentials, string manifestPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(version);
        if (built.All.Count == 0)
            throw new RegistryException(
                $"Nothing was built in this run, so nothing was pushed and {manifestPath} was left as it is: run {Commands.PushImages} without --skip, so that it builds the images first.");
        var pusher = new ImagePusher(client, log);
        var pushed = new List<(ImageStage, PushResult)>();
        foreach (var (stage, local) in built.All)
            pushed.Add((stage, await pusher.PushAsync(local, repository, ImageTagging.Tags(version, stage.TagSuffix), credentials, ct)));
        new ReleaseManifest(version.Version, version.Commit, pushed.ToDictionary(p => p.Item1.Name, p => p.Item2.Reference)).Write(manifestPath);
        log.Information("Wrote {File}", manifestPath);
        return pushed;
    }
}
