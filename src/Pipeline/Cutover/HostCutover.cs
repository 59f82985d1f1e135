using System.Net;
using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Proxy;
using Serilog;

namespace Pipeline.Cutover;

/// <summary>
/// One host's part of a cutover, step by step, so that <see cref="CutoverSteps"/> can take every host of an environment through each
/// step before any host takes the next: prepare, (stop the old one,) start and check, switch, finish; or undo.
/// </summary>
/// <param name="host">The host.</param>
/// <param name="service">The service its proxy routes to.</param>
/// <param name="slots">The environment's release slots on the host.</param>
/// <param name="proxy">The host's edge proxy.</param>
/// <param name="route">The environment's route in that proxy.</param>
/// <param name="log">Where to log.</param>
public sealed class HostCutover(Host host, Service service, ReleaseSlots slots, EdgeProxy proxy, ProxyRoute route, ILogger log)
{
    private readonly SlotReadiness readiness = new(log);

    /// <summary>The host.</summary>
    public Host Host => host;

    /// <summary>The environment's release slots on the host.</summary>
    public ReleaseSlots Slots => slots;

    /// <summary>The host's edge proxy.</summary>
    public EdgeProxy Proxy => proxy;

    /// <summary>The environment's route in the host's proxy.</summary>
    public ProxyRoute Route => route;

    /// <summary>
    /// How the pipeline reaches an address on the host's container network (a container's health path, for the readiness check and the
    /// smoke scenarios): itself on this machine; through an SSH forward on a server.
    /// </summary>
    public Func<Uri, CancellationToken, Task<Uri>> Reach { get; init; } = (address, _) => Task.FromResult(address);

    /// <summary>
    /// Makes what a release's slot pulls reachable from the host, right before the slot is created (the registry carried to a server): only a
    /// deploy that got that far (past the deploy lock) holds it. Nothing by default.
    /// </summary>
    public Func<CancellationToken, Task> BeforePrepare { get; init; } = _ => Task.CompletedTask;

    /// <summary>" on host" for a host other than the pipeline's own engine, for messages.</summary>
    public string On => host.Kind == HostKind.Local ? "" : $" on {host.Name}";

    /// <summary>Makes sure the proxy serves the route, stops what an interrupted deploy left running, and creates (or finds) <paramref name="release"/>'s slot.</summary>
    public async Task<HostStep> PrepareAsync(Release release, CancellationToken ct)
    {
        await proxy.EnsureAsync([route], ct);
        var all = await slots.ListAsync(ct);
        var live = await LiveAsync(all, ct);
        var target = ReleaseSlot.ProjectFor(slots.Settings, release);
        foreach (var orphan in all.Where(s => s.IsRunning && s.Project != live?.Project && s.Project != target))
        {
            log.Warning("{Project} ({Version}) runs{On} but the proxy does not send it traffic: an interrupted deploy left it; stopping it", orphan.Project, orphan.Version, On);
            await slots.StopAsync(orphan, ct);
        }
        await BeforePrepare(ct);
        var prepared = await slots.PrepareAsync(release, ct);
        return new HostStep(this, live, prepared, live?.Project == target && live.IsRunning);
    }

    /// <summary>Holds new requests in the proxy and stops the live release (a single-writer service).</summary>
    public async Task HoldAndStopAsync(HostStep step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Serving || step.Live is not { IsRunning: true } live)
            return;
        await proxy.HoldAsync(route.Name, ct);
        await slots.StopAsync(live, ct);
        step.LiveStopped = true;
    }

    /// <summary>
    /// Starts the prepared release and waits until it answers its health path within <paramref name="timeout"/>; then, given
    /// <paramref name="smoke"/>, runs the smoke scenarios against it directly.
    /// </summary>
    public async Task<Verdict> StartAsync(HostStep step, Func<Host, Uri, CancellationToken, Task<Verdict>>? smoke, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Serving)
        {
            step.Started = step.Live;
            return Verdict.Pass;
        }
        var started = step.Started = await slots.StartAsync(step.Prepared, ct);
        var verdict = await CheckAsync(started, timeout, ct);
        return !verdict.Passed || smoke is null ? verdict : await smoke(host, await AddressAsync(started, ct), ct);
    }

    /// <summary>Switches the proxy to the started release.</summary>
    public async Task SwitchAsync(HostStep step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Serving)
            return;
        await SwitchAsync(step.Started ?? throw new InvalidOperationException("Nothing was started to switch to."), ct);
        step.Switched = true;
    }

    /// <summary>
    /// Puts the host back as it was before <paramref name="step"/>: the started release is removed, the old one started again if it was stopped,
    /// and the proxy sent to it. Never cancelled: it runs to the end even after Ctrl-C.
    /// </summary>
    public async Task UndoAsync(HostStep step, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var time = new CancellationTokenSource(timeout);
        if (step.Serving)
            return;
        if (step.Started is { } started)
            await slots.StopAsync(started, time.Token);
        if (step.Live is { } live && (step.LiveStopped || step.Switched))
        {
            log.Warning("Switching {Route}{On} back to {Version}", route.Name, On, live.Version);
            await SwitchAsync(step.LiveStopped ? await slots.StartAsync(live, time.Token) : live, time.Token);
        }
        if (step.Started is { } failed)
            await slots.RemoveAsync(failed, time.Token);
    }

    /// <summary>After every host switched: stops the old release (it finished its requests; a single-writer one is already stopped) and prunes old slots.</summary>
    public async Task FinishAsync(HostStep step, int retain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!step.Serving && step.Live is { IsRunning: true } live && !step.LiveStopped)
            await slots.StopAsync(live, ct);
        await slots.PruneAsync(retain, ct);
    }

    /// <summary>The slot the proxy sends traffic to; failing that (a first cutover, a repaired proxy), the newest running slot.</summary>
    public async Task<ReleaseSlot?> LiveAsync(CancellationToken ct) => await LiveAsync(await slots.ListAsync(ct), ct);

    /// <summary>Points the proxy at the live release again, at its address now (a container restarted by a data copy may have a new one).</summary>
    public async Task RepointAsync(CancellationToken ct)
    {
        if (await LiveAsync(ct) is { IsRunning: true } live)
            await SwitchAsync(live, ct);
    }

    /// <summary>Starts <paramref name="slot"/> (again), waits until it answers and switches the proxy to it (after a data restore).</summary>
    public async Task<Verdict> RestartAsync(ReleaseSlot slot, TimeSpan timeout, CancellationToken ct)
    {
        var started = await slots.StartAsync(slot, ct);
        var ready = await CheckAsync(started, timeout, ct);
        if (ready.Passed)
            await SwitchAsync(started, ct);
        return ready;
    }

    private async Task<Verdict> CheckAsync(ReleaseSlot slot, TimeSpan timeout, CancellationToken ct) =>
        await readiness.WaitAsync(slots.Docker, slot.Of(service.Name)!, new Uri(await AddressAsync(slot, ct), service.HealthPath), timeout, ct);

    private Task<Uri> AddressAsync(ReleaseSlot slot, CancellationToken ct) =>
        slot.Of(service.Name) is { } container && container.Addresses.TryGetValue(proxy.Options.NetworkName, out var ip)
            ? Reach(new Uri($"http://{ip}:{service.ContainerPort}"), ct)
            : throw new EnvironmentException($"{slot.Project} has no running {service.Name}{On} on network {proxy.Options.NetworkName}.");

    private Task<RouteState> SwitchAsync(ReleaseSlot slot, CancellationToken ct)
    {
        var container = slot.Of(service.Name)!;
        log.Information("Switching {Route}{On} to {Container} ({Version})", route.Name, On, container.Name, slot.Version);
        return proxy.SwitchAsync(route.Name, new Upstream(container.Name, IPAddress.Parse(container.Addresses[proxy.Options.NetworkName]), service.ContainerPort), ct);
    }

    private async Task<ReleaseSlot?> LiveAsync(IReadOnlyList<ReleaseSlot> all, CancellationToken ct)
    {
        var target = await TargetAsync(ct);
        return all.FirstOrDefault(s => target is not null && s.Containers.Any(c => c.Name == target.Container)) ?? all.FirstOrDefault(s => s.IsRunning);
    }

    /// <summary>The container the proxy sends the route's traffic to; null when the proxy is missing, broken or has no target for it.</summary>
    private async Task<Upstream?> TargetAsync(CancellationToken ct)
    {
        try
        {
            return (await proxy.StateAsync(route.Name, ct)).Target;
        }
        catch (ProxyException e)
        {
            log.Debug("The proxy{On} does not say what {Route} serves ({Reason}); taking the newest running release", On, route.Name, e.Message);
            return null;
        }
    }
}

/// <summary>Where one host stands in a cutover.</summary>
/// <param name="Host">The host's cutover.</param>
/// <param name="Live">What the host served before (null: nothing).</param>
/// <param name="Prepared">The new release's slot, created and not started.</param>
/// <param name="Serving">True when the host already serves the new release: nothing to do there.</param>
public sealed record HostStep(HostCutover Host, ReleaseSlot? Live, ReleaseSlot Prepared, bool Serving)
{
    /// <summary>True once the live release was stopped for a single-writer start.</summary>
    public bool LiveStopped { get; set; }

    /// <summary>True once the proxy was switched to the new release.</summary>
    public bool Switched { get; set; }

    /// <summary>The new release as started (with its addresses), once started.</summary>
    public ReleaseSlot? Started { get; set; }
}
