using Docker.DotNet;
using Serilog;

namespace Pipeline.Proxy;

/// <summary>
/// The one edge proxy per engine (HAProxy 2.6): it owns the environments' published ports and forwards each route to one container on
/// <see cref="ProxyOptions.NetworkName"/>. Switching and maintenance go through HAProxy's runtime API, never a reload, so no connection is
/// dropped; every change is first written to the configuration volume (<see cref="HaproxyConfig"/>), so a restarted proxy serves the same.
/// </summary>
/// <remarks>
/// Drain: after <see cref="SwitchAsync"/> new requests go to the new container, while requests already sent to the old one complete on their
/// connections (<c>option http-server-close</c>: no server connection is reused after a response, so none outlives its request). Stop the
/// old container afterwards with a grace period (<see cref="ProxyOptions.Drain"/>): its in-flight requests finish before it exits.
/// </remarks>
public sealed partial class EdgeProxy(DockerClient docker, ProxyOptions options, ILogger log)
{
    readonly RuntimeApi api = new(options.ApiReachPort ?? options.ApiPort, options.CommandTimeout);
    readonly ProxyContainer container = new(docker, options);
    readonly ProxyFiles files = new(docker, options.ContainerName);

    /// <summary>Makes the proxy's image present on the proxy's engine: built from Debian's package by default; copied from this machine's engine for a server.</summary>
    public Func<DockerClient, ILogger, CancellationToken, Task> EnsureImage { get; init; } = (engine, logger, ct) => ProxyImage.EnsureAsync(engine, logger, ct);

    /// <summary>The options the proxy runs with.</summary>
    public ProxyOptions Options => options;

    /// <summary>
    /// Sends route <paramref name="route"/>'s new requests to <paramref name="target"/>, atomically (<c>set server &lt;route&gt;/live addr</c>):
    /// each request goes wholly to the old or the new container, none fails. The target must run, attached to <see cref="ProxyOptions.NetworkName"/>
    /// with <see cref="Upstream.Address"/> (checked first: a wrong target changes nothing).
    /// </summary>
    public async Task<RouteState> SwitchAsync(string route, Upstream target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var verified = UpstreamCheck.VerifyAsync(docker, target, options.NetworkName, ct);
        var record = await RecordAsync(ct);
        await verified;
        var before = record.Find(route);
        var after = before with { Target = target };
        await files.WriteAsync(HaproxyConfig.Files(record.With(after), options), ct);
        await RunAsync($"set server {route}/{HaproxyConfig.Slot} addr {target.Address} port {target.Port}", ct);
        await RunAsync($"set server {route}/{HaproxyConfig.Slot} state ready", ct);
        log.Information("Proxy: {Route:l} now sends new requests to {Target:l} (was {Before:l})", route, target.ToString(), before.Target?.ToString() ?? "no target");
        return after;
    }

    /// <summary>
    /// Holds route <paramref name="route"/>'s requests: points it at a closed port, so each new request waits and retries (up to
    /// <see cref="ProxyOptions.Hold"/>) until <see cref="SwitchAsync"/> names a target, and is then served by it (<c>option redispatch</c>).
    /// A single-writer cutover holds while the old container stops and the new one starts. Only the running proxy holds: the record keeps the
    /// last target, so a proxy restarted meanwhile points at it again.
    /// </summary>
    public async Task HoldAsync(string route, CancellationToken ct)
    {
        (await RecordAsync(ct)).Find(route);
        await RunAsync($"set server {route}/{HaproxyConfig.Slot} addr 127.0.0.1 port {HaproxyConfig.HoldPort}", ct);
        await RunAsync($"set server {route}/{HaproxyConfig.Slot} state ready", ct);
        log.Information("Proxy: {Route:l} holds new requests (up to {Seconds:0} s each) until a target is switched in", route, options.Hold.TotalSeconds);
    }

    /// <summary>
    /// Turns maintenance on (<paramref name="message"/> not null: every request on the route is answered 503 with it and
    /// <c>Retry-After</c>) or off (null). Survives restarts: the maps are rewritten in the volume before the runtime change.
    /// </summary>
    public async Task<RouteState> MaintenanceAsync(string route, string? message, TimeSpan retryAfter, CancellationToken ct)
    {
        var maintenance = message is null ? null : new Maintenance(message, retryAfter);
        var record = await RecordAsync(ct);
        var after = record.Find(route) with { Maintenance = maintenance };
        await files.WriteAsync(HaproxyConfig.Files(record.With(after), options), ct);
        if (maintenance is null)
        {
            await RemoveMapEntryAsync(HaproxyConfig.MaintenanceMap, route, ct);
            await RemoveMapEntryAsync(HaproxyConfig.RetryAfterMap, route, ct);
        }
        else
        {
            await SetMapEntryAsync(HaproxyConfig.RetryAfterMap, route, maintenance.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            await SetMapEntryAsync(HaproxyConfig.MaintenanceMap, route, HaproxyConfig.Encode(maintenance.Message), ct);
        }
        log.Information("Proxy: maintenance {State:l} for {Route:l}", maintenance is null ? "off" : $"on (503, Retry-After {maintenance.RetryAfterSeconds} s)", route);
        return after;
    }

    /// <summary>What route <paramref name="route"/> does now, read from the runtime API and named from the record.</summary>
    public async Task<RouteState> StateAsync(string route, CancellationToken ct)
    {
        var record = await RecordAsync(ct);
        return await LiveStateAsync(record.Find(route), await MaintenanceKeysAsync(ct), ct);
    }

    /// <summary>What every route does now.</summary>
    public async Task<IReadOnlyList<RouteState>> StatesAsync(CancellationToken ct)
    {
        var record = await RecordAsync(ct);
        var maintenance = await MaintenanceKeysAsync(ct);
        var states = new List<RouteState>();
        foreach (var state in record.Routes)
            states.Add(await LiveStateAsync(state, maintenance, ct));
        return states;
    }

    async Task<RouteState> LiveStateAsync(RouteState recorded, IReadOnlySet<string> inMaintenance, CancellationToken ct)
    {
        var live = ServerState.Parse(recorded.Route.Name, await RunAsync($"show servers state {recorded.Route.Name}", ct));
        var target = !live.Enabled ? null
            : recorded.Target is { } known && known.Address.Equals(live.Address) && known.Port == live.Port ? known
            : new Upstream(Unknown, live.Address, live.Port);
        var maintenance = !inMaintenance.Contains(recorded.Route.Name) ? null : recorded.Maintenance ?? new Maintenance(Maintenance.DefaultMessage, TimeSpan.Zero);
        return recorded with { Target = target, Maintenance = maintenance };
    }

    /// <summary>The container name reported for an address the record does not know (changed by hand through the runtime API).</summary>
    public const string Unknown = "unknown";

    async Task<IReadOnlySet<string>> MaintenanceKeysAsync(CancellationToken ct) =>
        (await RunAsync($"show map {HaproxyConfig.MaintenanceMap}", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).Where(f => f.Length >= 2).Select(f => f[1]).ToHashSet();

    async Task SetMapEntryAsync(string map, string key, string value, CancellationToken ct)
    {
        try
        {
            await api.SendAsync($"set map {map} {key} {value}", ct);
        }
        catch (RuntimeApiException e) when (e.Answered && e.Reason.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            await RunAsync($"add map {map} {key} {value}", ct);
        }
    }

    async Task RemoveMapEntryAsync(string map, string key, CancellationToken ct)
    {
        try
        {
            await api.SendAsync($"del map {map} {key}", ct);
        }
        catch (RuntimeApiException e) when (e.Answered && e.Reason.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
        }
    }

    async Task<ProxyRecord> RecordAsync(CancellationToken ct) =>
        await files.ReadRecordAsync(ct)
        ?? throw new ProxyException($"The edge proxy {options.ContainerName} is missing or has no configuration. The next deploy creates or repairs it ({Commands.PromoteToProduction} or any deploy); '{Commands.Doctor}' shows its state.");

    async Task<string> RunAsync(string command, CancellationToken ct)
    {
        try
        {
            return await api.SendAsync(command, ct);
        }
        catch (RuntimeApiException e) when (!e.Answered)
        {
            throw new ProxyException($"The edge proxy {options.ContainerName} does not answer its runtime API on 127.0.0.1:{options.ApiPort} ({e.Reason}). The next deploy repairs it; '{Commands.Doctor}' shows its state.", e);
        }
    }
}
