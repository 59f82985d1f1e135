using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Registry;

/// <summary>Tags a local image for a registry, pushes every tag through the Engine API, and checks the digest the registry serves.</summary>
public sealed class ImagePusher(DockerClient client, ILogger log)
{
    /// <summary>Pushes <paramref name="localImage"/> to <paramref name="repository"/> under each of <paramref name="tags"/>.</summary>
    public Task<PushResult> PushAsync(string localImage, ImageRepository repository, IReadOnlyList<string> tags, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return PushAsync(localImage, repository.Registry.Value, repository.Name, tags, credentials, cancellationToken);
    }

    /// <summary>
    /// Pushes <paramref name="localImage"/> as <c>registry/repository:tag</c> for each tag. Names are checked and the registry is pinged
    /// (reachable, credentials accepted) before anything is tagged or pushed. Throws <see cref="RegistryException"/> saying what to fix.
    /// </summary>
    public async Task<PushResult> PushAsync(string localImage, string registry, string repository, IReadOnlyList<string> tags, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(credentials);
        using var registryClient = new RegistryClient(registry, credentials);
        var name = $"{registryClient.Registry}/{repository}";
        RegistryNames.CheckPushTarget(localImage, name, tags);
        await registryClient.PingAsync(cancellationToken);
        await EngineAsync(() => client.Images.InspectImageAsync(localImage, cancellationToken), $"find the local image {localImage} (build it first: {Commands.BuildImages})", credentials);

        foreach (var tag in tags)
            await EngineAsync(() => client.Images.TagImageAsync(localImage, new ImageTagParameters { RepositoryName = name, Tag = tag }, cancellationToken), $"tag {localImage} as {name}:{tag}", credentials);
        var auth = new AuthConfig { ServerAddress = registryClient.Registry, Username = credentials.Username, Password = credentials.Password };
        var progress = new PushProgress(log, credentials);
        string? digest = null;
        foreach (var tag in tags)
        {
            progress.Begin(tag);
            log.Information("Pushing {Image:l} to {Name:l}:{Tag:l}", localImage, name, tag);
            await EngineAsync(() => client.Images.PushImageAsync(name, new ImagePushParameters { Tag = tag }, auth, progress, cancellationToken), $"push {name}:{tag}", credentials);
            if (progress.Error is not null)
                throw new RegistryException($"Pushing {name}:{tag} failed: {progress.Error}. Check the registry's log and free space, then push again.");
            if (progress.Digest is null || (digest ??= progress.Digest) != progress.Digest)
                throw new RegistryException($"Pushing {name}:{tag} reported {(progress.Digest is null ? "no manifest digest" : $"digest {progress.Digest}, not {digest} like the other tags")}: push again, and check that nothing else pushes to {name} at the same time.");
        }
        foreach (var tag in tags)
        {
            var served = await registryClient.GetManifestDigestAsync(repository, tag, cancellationToken);
            if (served != digest)
                throw new RegistryException($"The registry serves {name}:{tag} as {served ?? "nothing"}, but the push reported {digest}: something else pushed to {name} at the same time, or the registry lost the manifest. Push again.");
        }
        log.Information("Pushed {Name:l}@{Digest:l} ({Tags:l}): {Pushed} layers uploaded, {Present} already there", name, digest, string.Join(", ", tags), progress.LayersPushed, progress.LayersAlreadyPresent);
        return new PushResult(name, digest!, [.. tags], progress.LayersPushed, progress.LayersAlreadyPresent);
    }

    private static async Task EngineAsync(Func<Task> call, string attempt, RegistryCredentials credentials)
    {
        try
        {
            await call();
        }
        catch (DockerApiException e)
        {
            throw new RegistryException(credentials.Redact($"The engine could not {attempt}: {(e.ResponseBody?.Trim() is { Length: > 0 } body ? body : e.Message)}"), e);
        }
    }
}
