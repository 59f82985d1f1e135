using Docker.DotNet;

namespace Pipeline.Machine;

/// <summary>What the engine answered.</summary>
/// <param name="Answers">True when <c>/_ping</c> and <c>/version</c> answered.</param>
/// <param name="Version">The engine version, such as <c>20.10.24+dfsg1</c>.</param>
/// <param name="ApiVersion">The engine's API version, such as <c>1.41</c>.</param>
/// <param name="Error">Why it did not answer.</param>
internal sealed record EngineStatus(bool Answers, string? Version, string? ApiVersion, string? Error);

/// <summary>Asks the Docker engine at an endpoint whether it is there, through the Engine API (Docker.DotNet).</summary>
internal static class EngineProbe
{
    /// <summary>Pings the engine at <paramref name="endpoint"/> and reads its version, giving up after <paramref name="timeout"/>.</summary>
    public static async Task<EngineStatus> ProbeAsync(string endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            if (Fixes.IsLocalSocket(endpoint) && new Uri(endpoint).LocalPath is var socket && !File.Exists(socket))
                return new(false, null, null, $"{endpoint}: no socket at {socket}, so no engine runs there");
            using var client = new DockerClientBuilder().WithEndpoint(new Uri(endpoint)).WithTimeout(timeout).Build();
            await client.System.PingAsync(limit.Token);
            var version = await client.System.GetVersionAsync(limit.Token);
            return new(true, version.Version, version.APIVersion, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, null, $"no answer from {endpoint} within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(false, null, null, $"{endpoint}: {e.GetBaseException().Message}");
        }
    }
}
