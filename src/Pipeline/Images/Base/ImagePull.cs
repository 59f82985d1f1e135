using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>Pulls an image through the Engine API within a time limit, answering why it could not instead of throwing.</summary>
internal static class ImagePull
{
    /// <summary>Null when <paramref name="image"/> was pulled; otherwise the reason it was not.</summary>
    public static async Task<string?> TryAsync(DockerClient client, ILogger log, string image, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var progress = new EngineProgress(log);
        var parameters = new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Digest ?? reference.Tag ?? "latest" };
        try
        {
            await client.Images.CreateImageAsync(parameters, null, progress, limit.Token);
            if (progress.Error is not null)
                return progress.Error;
            await client.Images.InspectImageAsync(image, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0} s";
        }
        catch (DockerApiException e)
        {
            return MessageOf(e);
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    /// <summary>The engine's own message from an error response, e.g. <c>dial tcp: lookup registry.invalid: no such host</c>.</summary>
    public static string MessageOf(DockerApiException e)
    {
        try
        {
            using var json = JsonDocument.Parse(e.ResponseBody ?? "");
            return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? e.Message : e.Message;
        }
        catch (JsonException)
        {
            return e.ResponseBody is { Length: > 0 } body ? body.Trim() : e.Message;
        }
    }
}
