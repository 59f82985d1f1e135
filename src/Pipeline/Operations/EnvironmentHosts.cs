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
    public async Task<IReadOnlyList<HostCutover>> PartsAsync(EnvironmentSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var route = delivery.RouteOf(settings);
        var parts = new HostCutover[settings.Environment.Hosts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, parts.Length), new ParallelOptions { MaxDegreeOfParallelism = delivery.Parallelism, CancellationToken = ct }, async (i, token) =>
        {
            var host = settings.Environment.Hosts[i];
            var connection = await run.HostAsync(host, delivery.Ssh, token);
            var slots = new ReleaseSlots(settings, async t => await run.ComposeAsync(t) with { DockerHost = host.IsRemote ? connection.DockerHost : null }, connection.Client, delivery.Proxy.NetworkName, log);
            parts[i] = new HostCutover(host, delivery.App, slots, await ProxyAsync(connection, token), route, log)
            {
                Reach = (address, t) => ReachAsync(connection, address, t),
                BeforePrepare = t => host.IsRemote ? CarryRegistryAsync(connection, t) : Task.CompletedTask,
            };
        });
        return parts;
    }

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
