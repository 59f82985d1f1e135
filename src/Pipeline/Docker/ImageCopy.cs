using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Docker;

/// <summary>Carries an image from one engine to another (<c>docker save | docker load</c> through the Engine API), for images no registry holds.</summary>
public static class ImageCopy
{
    /// <summary>Copies <paramref name="tag"/> from <paramref name="from"/> to <paramref name="to"/> unless <paramref name="to"/> has it; true when copied.</summary>
    public static async Task<bool> EnsureAsync(DockerClient from, DockerClient to, string tag, string where, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            await to.Images.InspectImageAsync(tag, ct);
            return false;
        }
        catch (DockerImageNotFoundException)
        {
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var image = await from.Images.SaveImageAsync(tag, ct);
        await to.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, image, new Progress<JSONMessage>(), ct);
        log.Information("Copied the image {Tag:l} to {Host:l} ({Seconds:0.0} s)", tag, where, started.Elapsed.TotalSeconds);
        return true;
    }
}
