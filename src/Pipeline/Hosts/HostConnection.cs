using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Pipeline.Model;

namespace Pipeline.Hosts;

/// <summary>
/// A connected host for the length of a run: its Engine API client, the <c>DOCKER_HOST</c> value for <c>docker</c> and
/// Compose processes, and port forwards to and from it. For an <c>ssh://</c> host everything goes through one SSH master
/// connection and an <see cref="EngineRoute"/>; for a local or <c>unix://</c> host the forwards are the addresses themselves.
/// </summary>
public sealed class HostConnection : IAsyncDisposable
{
    readonly SshMaster? master;
    readonly EngineRoute route;

    internal HostConnection(Host host, DockerClient client, EngineRoute route, SshMaster? master = null)
    {
        Host = host;
        Client = client;
        this.route = route;
        this.master = master;
    }

    /// <summary>The host.</summary>
    public Host Host { get; }

    /// <summary>The Engine API client for the host's engine.</summary>
    public DockerClient Client { get; }

    /// <summary>The <c>DOCKER_HOST</c> value that points <c>docker</c> and Compose processes at the host's engine.</summary>
    public Uri DockerHost => route.Endpoint;

    /// <summary>The SSH connection, to run commands on the server (<see cref="SshMaster.RunAsync"/>); null for a local or <c>unix://</c> host.</summary>
    public SshMaster? Ssh => master;

    /// <summary>How the engine is reached, for the log: <c>ssh socket forward to unix:///var/run/docker.sock</c>, <c>local engine unix:///var/run/docker.sock</c>.</summary>
    public string Transport => route.Description;

    /// <summary>
    /// A local <c>127.0.0.1</c> endpoint that reaches <paramref name="remoteAddress"/>:<paramref name="remotePort"/> as seen
    /// from the host (its proxy on its own 127.0.0.1, a container's address); the address itself for a local host.
    /// </summary>
    public async Task<PortForward> ForwardAsync(string remoteAddress, int remotePort, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(remoteAddress);
        if (master is null)
            return new PortForward(remoteAddress, remotePort);
        string? error = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var specification = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{FreeLocalPort()}:{remoteAddress}:{remotePort}");
            error = await master.ControlForwardAsync("forward", "-L", specification, cancellationToken);
            if (error is null)
                return new PortForward("127.0.0.1", int.Parse(specification.Split(':')[1], CultureInfo.InvariantCulture),
                    async () => await master.ControlForwardAsync("cancel", "-L", specification, CancellationToken.None));
        }
        throw new HostConnectionException(Host, HostFailure.ForwardRefused,
            $"Could not forward a local port to {remoteAddress}:{remotePort} on {Host} ({error}). Check that the server's sshd allows it ('AllowTcpForwarding yes' in /etc/ssh/sshd_config).");
    }

    /// <summary>
    /// Makes the host's <c>127.0.0.1:<paramref name="localPort"/></c> reach this machine's <c>127.0.0.1:<paramref name="localPort"/></c>
    /// (the embedded registry) until disposed: the host's engine then pulls from its own loopback, which it trusts without TLS.
    /// Nothing to do for a local host.
    /// </summary>
    public async Task<PortForward> ReverseForwardAsync(int localPort, CancellationToken cancellationToken = default)
    {
        if (master is null)
            return new PortForward("127.0.0.1", localPort);
        var specification = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{localPort}:127.0.0.1:{localPort}");
        if (await master.ControlForwardAsync("forward", "-R", specification, cancellationToken) is { } error)
            throw new HostConnectionException(Host, HostFailure.ForwardRefused,
                $"Could not carry 127.0.0.1:{localPort} to {Host} ({error}). Something on the server already listens on its 127.0.0.1:{localPort} (another deploy, or a registry of its own): stop it, or give a registry address the servers can reach.");
        return new PortForward("127.0.0.1", localPort, async () => await master.ControlForwardAsync("cancel", "-R", specification, CancellationToken.None));
    }

    /// <summary>Closes the client, the bridge and the SSH connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await route.DisposeAsync();
        if (master is not null)
            await master.DisposeAsync();
    }

    static int FreeLocalPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
