using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>Local base images by recipe: reused while their label matches the recipe's hash, rebuilt (parents first) when it does not.</summary>
internal sealed class LocalEquivalents(DockerClient client, ILogger log, BaseImageOptions options)
{
    /// <summary>True when <paramref name="recipe"/>'s image exists with the current recipe label.</summary>
    public async Task<bool> IsCurrentAsync(BaseRecipe recipe, CancellationToken cancellationToken) =>
        await InspectAsync(recipe.Tag, cancellationToken) is { } image && image.Config?.Labels is { } labels && labels.TryGetValue(BaseRecipe.Label, out var hash) && hash == recipe.Hash;

    /// <summary>Builds <paramref name="recipe"/>'s image unless it is current; true when it was built.</summary>
    public async Task<bool> EnsureAsync(BaseRecipe recipe, CancellationToken cancellationToken)
    {
        if (await IsCurrentAsync(recipe, cancellationToken))
            return false;
        if (recipe.Parent is { } parent)
            await EnsureAsync(parent, cancellationToken);
        await using var _ = await CacheLock.AcquireAsync(options.CacheDirectory, log, cancellationToken);
        if (await IsCurrentAsync(recipe, cancellationToken))
            return false;
        var previous = await InspectAsync(recipe.Tag, cancellationToken);
        log.Information("Building {Tag:l}: {Description:l}{Why:l}", recipe.Tag, recipe.Description, previous is null ? "" : " (its recipe changed)");
        var clock = Stopwatch.StartNew();
        await recipe.BuildAsync(client, log, cancellationToken);
        if (!await IsCurrentAsync(recipe, cancellationToken))
            throw new ImageBuildException($"{recipe.Tag} was built but does not carry the label {BaseRecipe.Label}={recipe.Hash}.");
        var built = await InspectAsync(recipe.Tag, cancellationToken);
        log.Information("Built {Tag:l} in {Seconds:0.0} s: {Megabytes:0.0} MB", recipe.Tag, clock.Elapsed.TotalSeconds, built!.Size / 1e6);
        if (previous is not null && previous.ID != built.ID)
            await RemoveReplacedAsync(previous.ID);
        return true;
    }

    async Task<ImageInspectResponse?> InspectAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(image, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    async Task RemoveReplacedAsync(string id)
    {
        try
        {
            if (await InspectAsync(id, CancellationToken.None) is not { RepoTags: null or [] })
                return;
            await client.Images.DeleteImageAsync(id, new ImageDeleteParameters(), CancellationToken.None);
            log.Information("Removed the replaced image {Id:l}", id[..19]);
        }
        catch (DockerApiException e)
        {
            log.Debug("Kept the replaced image {Id:l}: {Reason:l}", id[..19], ImagePull.MessageOf(e));
        }
    }
}
