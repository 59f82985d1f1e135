using System.Diagnostics;
using Docker.DotNet;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>
/// Makes a Dockerfile's base images available: each base-image ARG's image is used when present, else pulled (within
/// <see cref="BaseImageOptions.PullTimeout"/>), else replaced by a local equivalent built from the Debian archive and the machine's .NET.
/// A local equivalent already built from the current recipe is used without trying to pull again, so the warm path does not touch the network.
/// </summary>
public sealed class BaseImages(DockerClient client, ILogger log, BaseImageOptions options)
{
    readonly LocalEquivalents equivalents = new(client, log, options);

    /// <summary>Resolves the Dockerfile's base-image ARGs from their defaults; returns the build arguments to pass.</summary>
    public Task<IReadOnlyList<ResolvedBaseImage>> ResolveAsync(DockerfileInfo dockerfile, CancellationToken cancellationToken) =>
        ResolveAsync(dockerfile, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Resolves the Dockerfile's base-image ARGs, <paramref name="overrides"/> (ARG name to image) replacing their defaults.</summary>
    public async Task<IReadOnlyList<ResolvedBaseImage>> ResolveAsync(DockerfileInfo dockerfile, IReadOnlyDictionary<string, string> overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var clock = Stopwatch.StartNew();
        var done = new Dictionary<string, (string Used, BaseImageSource Source)>(StringComparer.Ordinal);
        var resolved = new List<ResolvedBaseImage>();
        foreach (var (argument, requested) in BaseImageArguments.From(dockerfile, overrides ?? new Dictionary<string, string>()))
        {
            if (!done.TryGetValue(requested, out var result))
                done[requested] = result = await ResolveAsync(dockerfile, argument, requested, cancellationToken);
            resolved.Add(new ResolvedBaseImage(argument, requested, result.Used, result.Source));
        }
        log.Information("Base images resolved in {Seconds:0.00} s", clock.Elapsed.TotalSeconds);
        return resolved;
    }

    async Task<(string, BaseImageSource)> ResolveAsync(DockerfileInfo dockerfile, string argument, string requested, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(requested, cancellationToken))
        {
            log.Information("{Argument:l}: {Image:l} is present", argument, requested);
            return (requested, BaseImageSource.Present);
        }
        var (recipe, whyNot) = BaseRecipes.For(requested, options);
        if (recipe is not null && await equivalents.IsCurrentAsync(recipe, cancellationToken))
        {
            log.Information("{Argument:l}: {Image:l} is not here; using its local equivalent {Tag:l} (current recipe, so no pull is tried)", argument, requested, recipe.Tag);
            return (recipe.Tag, BaseImageSource.Present);
        }
        log.Information("{Argument:l}: pulling {Image:l} (up to {Seconds:0} s)", argument, requested, options.PullTimeout.TotalSeconds);
        if (await ImagePull.TryAsync(client, log, requested, options.PullTimeout, cancellationToken) is not { } failure)
        {
            log.Information("{Argument:l}: pulled {Image:l}", argument, requested);
            return (requested, BaseImageSource.Pulled);
        }
        log.Information("{Argument:l}: pull of {Image:l} failed: {Reason:l}", argument, requested, failure);
        var problem = $"Base image {requested} (ARG {argument} in {dockerfile.Path}) is not on this machine, could not be pulled ({failure}),";
        var fix = $"Pull or load it yourself (docker load), or point {argument} at an image you have with --base-image {argument}=image.";
        if (recipe is null)
            throw new ImageBuildException($"{problem} and there is no local recipe for it{(whyNot is null ? "" : $" ({whyNot})")}. {fix}");
        try
        {
            await equivalents.EnsureAsync(recipe, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ImageBuildException($"{problem} and building its local equivalent {recipe.Tag} failed: {e.Message.TrimEnd()}\n{fix}");
        }
        return (recipe.Tag, BaseImageSource.BuiltLocally);
    }

    async Task<bool> ExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
