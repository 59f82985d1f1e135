using Docker.DotNet;

namespace Pipeline.Docker;

/// <summary>No Docker engine answered: says where it looked and what to run.</summary>
public sealed class EngineUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Connects to the Docker engine through the Engine API, honouring <c>DOCKER_HOST</c>.</summary>
public static class Engine
{
    /// <summary>The engine endpoint: <c>DOCKER_HOST</c>, else the local socket.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    /// <summary>A client for the engine, after checking that it answers <c>/_ping</c> within a few seconds.</summary>
    public static async Task<DockerClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).WithTimeout(TimeSpan.FromMinutes(30)).Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await client.System.PingAsync(limit.Token);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new EngineUnavailableException(
                $"No Docker engine answers at {Endpoint} ({e.GetBaseException().Message}). Start it with '{Commands.Setup}' (as root on Debian/Ubuntu) or set DOCKER_HOST, then check with '{Commands.Doctor}'.", e);
        }
    }
}
