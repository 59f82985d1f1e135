using Docker.DotNet;
using Pipeline.Hosts;
using Pipeline.Model;

namespace Pipeline.Docker;

/// <summary>No Docker engine answered: says where it looked and what to run.</summary>
public sealed class EngineUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Connects to the Docker engine through the Engine API, honouring <c>DOCKER_HOST</c>.</summary>
public static class Engine
{
    static readonly TimeSpan PingLimit = TimeSpan.FromSeconds(10);

    /// <summary>The engine endpoint: <c>DOCKER_HOST</c>, else the local socket.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    /// <summary>A client for the engine, after checking that it answers <c>/_ping</c> within a few seconds.</summary>
    public static Task<DockerClient> ConnectAsync(CancellationToken cancellationToken) =>
        ConnectAsync(new Uri(Endpoint), e => new EngineUnavailableException(
            $"No Docker engine answers at {Endpoint} ({e.GetBaseException().Message}). Start it with '{Commands.Setup}' (as root on Debian/Ubuntu) or set DOCKER_HOST, then check with '{Commands.Doctor}'.", e), cancellationToken);

    /// <summary>
    /// Connects to <paramref name="host"/>'s engine, whatever its kind: the pipeline's own engine, a Unix socket, or a
    /// server reached with the system <c>ssh</c> (one master connection and an <see cref="EngineRoute"/>). Throws
    /// <see cref="EngineUnavailableException"/> for a local engine and <see cref="HostConnectionException"/> for a server,
    /// each naming the host and the fix.
    /// </summary>
    public static async Task<HostConnection> ConnectAsync(Host host, SshOptions ssh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ssh);
        switch (host.Kind)
        {
            case HostKind.Local:
                return new HostConnection(host, await ConnectAsync(cancellationToken), new EngineRoute(new Uri(Endpoint), "local engine " + Endpoint, null));
            case HostKind.Unix:
                var client = await ConnectAsync(host.Endpoint!, e => new EngineUnavailableException(
                    $"No Docker engine answers at {host.Endpoint} ({e.GetBaseException().Message}). Start the engine behind that socket or fix the host's address, then check with '{Commands.Doctor}'.", e), cancellationToken);
                return new HostConnection(host, client, new EngineRoute(host.Endpoint!, "local socket " + host.Endpoint, null));
        }
        var master = await SshMaster.ConnectAsync(host, ssh, cancellationToken);
        EngineRoute? route = null;
        try
        {
            route = await EngineRoute.OpenAsync(master, cancellationToken);
            var client = await ConnectAsync(route.Endpoint, e => e, cancellationToken);
            return new HostConnection(host, client, route, master);
        }
        catch (Exception e)
        {
            if (route is not null)
                await route.DisposeAsync();
            try
            {
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    throw;
                var version = await master.RunAsync(["docker", "version", "--format", "{{.Server.Version}}"], cancellationToken);
                throw SshErrors.NoEngine(host, ssh, version.Succeeded ? e.GetBaseException().Message : SshMaster.LastLine(version.StandardError + version.StandardOutput));
            }
            finally
            {
                await master.DisposeAsync();
            }
        }
    }

    static async Task<DockerClient> ConnectAsync(Uri endpoint, Func<Exception, Exception> failure, CancellationToken cancellationToken)
    {
        var client = new DockerClientBuilder().WithEndpoint(endpoint).WithTimeout(TimeSpan.FromMinutes(30)).Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(PingLimit);
        try
        {
            await client.System.PingAsync(limit.Token);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw failure(e);
        }
    }
}
