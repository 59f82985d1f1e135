using Pipeline.Compose;
using Pipeline.Cutover;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Hosts;
using Pipeline.Model;
using Pipeline.Proxy;
using Serilog;

namespace Pipeline.Operations;

/// <summary>
/// The hosts of an environment as the pipeline works on them: each connected (over SSH for a server), with the registry carried to it when the
/// registry is this machine's own, its Compose tool and release slots on its engine, its edge proxy (image carried from this machine, runtime
/// API through a forward), and a way to reach addresses on it. Made once per environment and run.
/// </summary>
internal sealed class EnvironmentHosts(PipelineContext run, DeliveryOptions delivery, ILogger log)
{
    /// <summary>
    /// Each host's part of a cutover of <paramref name="settings"/>' environment, in the order the environment lists its hosts; the registry is
    /// carried to a server when a release is prepared there, not before.
    /// </summary>
    public Task<IReadOnlyList<HostCutover>> PartsAsync(EnvironmentSettings settings, CancellationToken ct) =>
        EachAsync(settings, async (connection, token) => new HostCutover(connection.Host, delivery.App,
            new ReleaseSlots(settings, t => ComposeAsync(connection, t), connection.Client, delivery.Proxy.NetworkName, log),
            await ProxyAsync(connection, token), delivery.RouteOf(settings), log)
        {
            Reach = (address, t) => ReachAsync(connection, address, t),
            BeforePrepare = t => connection.Host.IsRemote ? CarryRegistryAsync(connection, t) : Task.CompletedTask,
        }, ct);

    /// <summary>
    /// Runs <paramref name="work"/> on every host of <paramref name="settings"/>' environment, connected, at most <see cref="DeliveryOptions.Parallelism"/>
    /// at once; its results in the order the environment lists its hosts. A host that fails does not stop the others: the first failure is thrown once
    /// every host finished.
    /// </summary>
    public async Task<IReadOnlyList<T>> EachAsync<T>(EnvironmentSettings settings, Func<HostConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(work);
        using var gate = new SemaphoreSlim(delivery.Parallelism);
        return await Task.WhenAll(settings.Environment.Hosts.Select(async host =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return await work(await run.HostAsync(host, delivery.Ssh, ct), ct);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>
    /// <paramref name="settings"/>' environment on its primary (first) host: the host the data is read from and written to, snapshots are taken of,
    /// and the deploy lock lives on. Its settings are checked first.
    /// </summary>
    public async Task<PrimaryHost> PrimaryAsync(EnvironmentSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Check();
        var connection = await run.HostAsync(settings.Environment.Hosts[0], delivery.Ssh, ct);
        return new PrimaryHost(connection, new ComposeEnvironment(settings, await ComposeAsync(connection, ct), connection.Client, log));
    }

    /// <summary>
    /// Where <paramref name="settings"/>' environment answers through the edge proxy, as seen on each of its hosts: the route's address (127.0.0.1
    /// when it listens on every address) and port. <see cref="ReachAsync"/> makes it an address this machine reaches.
    /// </summary>
    public Uri ProxyAddress(EnvironmentSettings settings)
    {
        var binding = delivery.RouteOf(settings).Binding;
        var any = System.Net.IPAddress.Parse(binding.Address) is var ip && (ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any));
        return new UriBuilder("http", any ? "127.0.0.1" : binding.Address, binding.Port).Uri;
    }

    /// <summary>The Compose tool, pointed at <paramref name="connection"/>'s engine for a server.</summary>
    private async Task<ComposeTool> ComposeAsync(HostConnection connection, CancellationToken ct) =>
        await run.ComposeAsync(ct) with { DockerHost = connection.Host.IsRemote ? connection.DockerHost : null };

    /// <summary>The edge proxy of <paramref name="connection"/>'s host.</summary>
    public async Task<EdgeProxy> ProxyAsync(HostConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.Host.IsRemote)
            return new EdgeProxy(connection.Client, delivery.Proxy, log);
        var api = await ReachAsync(connection, new Uri($"http://127.0.0.1:{delivery.Proxy.ApiPort}"), ct);
        var local = await run.DockerAsync(ct);
        return new EdgeProxy(connection.Client, delivery.Proxy with { ApiReachPort = api.Port }, log)
        {
            EnsureImage = async (engine, logger, token) =>
            {
                await ProxyImage.EnsureAsync(local, logger, token);
                await ImageCopy.EnsureAsync(local, engine, ProxyImage.Tag, connection.Host.Name, logger, token);
            },
        };
    }

    /// <summary>An address on <paramref name="connection"/>'s host as this machine reaches it: itself, or the local end of an SSH forward (one per address and run).</summary>
    public Task<Uri> ReachAsync(HostConnection connection, Uri address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(address);
        if (!connection.Host.IsRemote)
            return Task.FromResult(address);
        return Rebase(run.OnceAsync($"forward {connection.Host.Name} {address.Host}:{address.Port}",
            async () => run.Hold(await connection.ForwardAsync(address.Host, address.Port, CancellationToken.None)).Http()), address).WaitAsync(ct);
    }

    private static async Task<Uri> Rebase(Task<Uri> forward, Uri address)
    {
        var local = await forward;
        return new UriBuilder(address) { Host = local.Host, Port = local.Port }.Uri;
    }

    /// <summary>
    /// Makes the registry reachable from a server: a registry on this machine (localhost:5000) is carried to the server's own 127.0.0.1 through an
    /// SSH reverse forward for the length of the run; any other registry the server must reach by itself. The log says which.
    /// </summary>
    private async Task CarryRegistryAsync(HostConnection connection, CancellationToken ct)
    {
        var registry = run.Settings.Registry;
        if (!registry.IsLocal)
        {
            log.Information("Registry: {Host} pulls from {Registry} directly", connection.Host.Name, registry.Value);
            return;
        }
        await run.OnceAsync($"registry {connection.Host.Name}", async () => run.Hold(await connection.ReverseForwardAsync(registry.Port, CancellationToken.None)));
        log.Information("Registry: {Registry} is this machine's; carried to {Host}'s 127.0.0.1:{Port} through SSH for this run", registry.Value, connection.Host.Name, registry.Port);
    }
}

/// <summary>An environment on its primary host: the host's connection (engine client, <c>DOCKER_HOST</c>, forwards) and the environment on its engine.</summary>
/// <param name="Connection">The primary host's connection.</param>
/// <param name="Environment">The environment as a Compose project on that host's engine.</param>
internal sealed record PrimaryHost(HostConnection Connection, ComposeEnvironment Environment)
{
    /// <summary>" on host" for a server, nothing for the pipeline's own engine, for messages.</summary>
    public string On => Connection.Host.Kind == HostKind.Local ? "" : $" on {Connection.Host.Name}";
}
