using System.Net;
using Docker.DotNet;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Proxy;
using Serilog;

namespace Pipeline.Cutover;

/// <summary>
/// <see cref="IDeploySteps"/> without dropping a request: each release runs in its own slot behind the edge proxy. A deploy prepares the
/// new slot, starts it beside the live one, waits until it answers its health path, runs the smoke scenarios against it directly,
/// switches the proxy, then stops the old slot (which finishes its requests and is kept for a rollback). A single-writer service
/// never runs twice on its data: the old slot stops first and the proxy holds requests until the new one is switched in.
/// </summary>
/// <param name="service">The service the proxy routes to.</param>
/// <param name="slots">The environment's release slots.</param>
/// <param name="proxy">The host's edge proxy.</param>
/// <param name="route">The environment's route in the proxy.</param>
/// <param name="docker">The pipeline's engine client (backups).</param>
/// <param name="points">The repository of rollback points.</param>
/// <param name="backups">The environment's backups.</param>
/// <param name="log">Where to log.</param>
public sealed class CutoverSteps(
    Service service, ReleaseSlots slots, EdgeProxy proxy, ProxyRoute route, DockerClient docker, RollbackPoints points, BackupStore backups, ILogger log) : IDeploySteps
{
    /// <summary>How long a new slot may take to answer its health path.</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The smoke scenarios, run against a slot directly (its base address) before the proxy sends it traffic.</summary>
    public Func<Uri, CancellationToken, Task<Verdict>> Smoke { get; init; } = (_, _) => Task.FromResult(Verdict.Pass);

    /// <summary>Post-switch verification through the proxy (health checks).</summary>
    public Func<CancellationToken, Task<Verdict>> Verify { get; init; } = _ => Task.FromResult(Verdict.Pass);

    /// <summary>How many stopped slots to keep for instant rollbacks.</summary>
    public int Retain { get; init; } = 3;

    /// <summary>
    /// A test hook (none by default), called at <c>before-cutover</c>, the last point before what the environment serves changes, and at
    /// <c>after-switch</c>, right after the proxy switched to the new release.
    /// </summary>
    public Func<string, CancellationToken, Task> Pause { get; init; } = (_, _) => Task.CompletedTask;

    private readonly SlotReadiness readiness = new(log);

    /// <summary>The environment's backups.</summary>
    public BackupStore Backups => backups;

    /// <summary>Points the proxy at the live release again, at its address now (a container restarted by a data copy may have a new one).</summary>
    public async Task RepointAsync(CancellationToken cancellationToken)
    {
        if (await LiveAsync(cancellationToken) is { IsRunning: true } live)
            await SwitchAsync(live, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Release?> RunningAsync(CancellationToken cancellationToken) =>
        (await LiveAsync(cancellationToken)) is { } live ? RunningRelease.Of(live.Containers) : null;

    /// <inheritdoc />
    public async Task<string> BackupAsync(Release running, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        var container = (await LiveAsync(cancellationToken))?.Of(service.Name) is { IsRunning: true } c ? c
            : throw new EnvironmentException($"No running container of service {service.Name} in {route.Name} to back up.");
        var backup = await new VolumeBackup(docker, log).BackupAsync(container.Id, "/data", backups, new BackupInfo(route.Name, running.Version, reason), cancellationToken);
        log.Information("Backed up {Route}'s data as {Backup} ({Size} bytes, sha256 {Sha})", route.Name, backup.Id, backup.Size, backup.Sha256[..12]);
        return backup.Id;
    }

    /// <inheritdoc />
    public async Task<string> CreateRollbackPointAsync(RollbackManifest manifest, CancellationToken cancellationToken)
    {
        var point = await points.CreateAsync(manifest, DateTimeOffset.UtcNow, cancellationToken);
        await points.PushAsync(point, cancellationToken);
        return point.Tag;
    }

    /// <inheritdoc />
    public Task<Verdict> DeployAsync(Release release, CancellationToken cancellationToken) => CutOverAsync(release, smoke: true, cancellationToken);

    /// <inheritdoc />
    public Task<Verdict> VerifyAsync(CancellationToken cancellationToken) => Verify(cancellationToken);

    /// <inheritdoc />
    public Task<Verdict> DeployAndAnswerAsync(Release release, CancellationToken cancellationToken) => CutOverAsync(release, smoke: false, cancellationToken);

    private async Task<Verdict> CutOverAsync(Release release, bool smoke, CancellationToken ct)
    {
        await proxy.EnsureAsync([route], ct);
        var all = await slots.ListAsync(ct);
        var live = await LiveAsync(all, ct);
        var target = ReleaseSlot.ProjectFor(slots.Settings, release);
        await StopOrphansAsync(all, live, target, ct);
        ReleaseSlot prepared;
        try
        {
            prepared = await slots.PrepareAsync(release, ct);
        }
        catch (EnvironmentException e)
        {
            return Verdict.Fail(e.Message);
        }
        if (live?.Project == target && live.IsRunning)
        {
            log.Information("{Version} already serves {Route}", release.Version, route.Name);
            return Verdict.Pass;
        }
        await Pause("before-cutover", ct);
        var exclusive = service.SingleWriter && live is { IsRunning: true };
        if (exclusive)
        {
            log.Information("{Service} is single-writer: the proxy holds requests while {Old} stops and {Version} starts", service.Name, live!.Version, release.Version);
            await proxy.HoldAsync(route.Name, ct);
            await slots.StopAsync(live, ct);
        }
        var started = await slots.StartAsync(prepared, ct);
        var verdict = await CheckAsync(started, smoke, exclusive ? HeldReadiness : DeployTimeout, ct);
        if (!verdict.Passed)
        {
            await slots.StopAsync(started, CancellationToken.None);
            if (exclusive)
                await SwitchBackAsync(live!);
            return verdict;
        }
        await SwitchAsync(started, ct);
        await Pause("after-switch", ct);
        if (live is { IsRunning: true } && !exclusive)
            await slots.StopAsync(live, ct);
        await slots.PruneAsync(Retain, ct);
        return Verdict.Pass;
    }

    /// <summary>
    /// How long a single-writer release may take to answer while the proxy holds requests: half the hold, so that a release that never answers
    /// still leaves time to start the old one again before a held request gives up.
    /// </summary>
    private TimeSpan HeldReadiness => TimeSpan.FromTicks(Math.Min(DeployTimeout.Ticks, proxy.Options.Hold.Ticks / 2));

    private async Task<Verdict> CheckAsync(ReleaseSlot slot, bool smoke, TimeSpan timeout, CancellationToken ct)
    {
        var address = AddressOf(slot);
        var ready = await readiness.WaitAsync(slots.Docker, slot.Of(service.Name)!, new Uri(address, service.HealthPath), timeout, ct);
        return !ready.Passed || !smoke ? ready : await Smoke(address, ct);
    }

    private Uri AddressOf(ReleaseSlot slot) =>
        slot.Of(service.Name) is { } container && container.Addresses.TryGetValue(proxy.Options.NetworkName, out var ip)
            ? new Uri($"http://{ip}:{service.ContainerPort}")
            : throw new EnvironmentException($"{slot.Project} has no running {service.Name} on network {proxy.Options.NetworkName}.");

    private Task<RouteState> SwitchAsync(ReleaseSlot slot, CancellationToken ct)
    {
        var container = slot.Of(service.Name)!;
        log.Information("Switching {Route} to {Container} ({Version})", route.Name, container.Name, slot.Version);
        return proxy.SwitchAsync(route.Name, new Upstream(container.Name, IPAddress.Parse(container.Addresses[proxy.Options.NetworkName]), service.ContainerPort), ct);
    }

    private async Task SwitchBackAsync(ReleaseSlot previous)
    {
        log.Warning("Starting {Version} again and switching {Route} back to it", previous.Version, route.Name);
        using var time = new CancellationTokenSource(DeployTimeout);
        var started = await slots.StartAsync(previous, time.Token);
        await SwitchAsync(started, time.Token);
    }

    /// <summary>The slot the proxy sends traffic to; failing that (a first cutover, a repaired proxy), the newest running slot.</summary>
    private async Task<ReleaseSlot?> LiveAsync(CancellationToken ct) => await LiveAsync(await slots.ListAsync(ct), ct);

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
            log.Debug("The proxy does not say what {Route} serves ({Reason}); taking the newest running release", route.Name, e.Message);
            return null;
        }
    }

    /// <summary>Stops running slots that are neither live nor the target: what a deploy killed between start and switch left behind.</summary>
    private async Task StopOrphansAsync(IReadOnlyList<ReleaseSlot> all, ReleaseSlot? live, string target, CancellationToken ct)
    {
        foreach (var orphan in all.Where(s => s.IsRunning && s.Project != live?.Project && s.Project != target))
        {
            log.Warning("{Project} ({Version}) runs but the proxy does not send it traffic: an interrupted deploy left it; stopping it", orphan.Project, orphan.Version);
            await slots.StopAsync(orphan, ct);
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        foreach (var slot in await slots.ListAsync(cancellationToken))
            await slots.RemoveAsync(slot, cancellationToken);
    }

    /// <inheritdoc />
    public void CheckBackup(string backupId) => backups.Find(backupId);

    /// <inheritdoc />
    public async Task<Verdict> RestoreAsync(string backupId, CancellationToken cancellationToken)
    {
        var backup = backups.Find(backupId);
        if ((await LiveAsync(cancellationToken)) is not { IsRunning: true } live || live.Of(service.Name) is not { } container)
            return Verdict.Fail($"{route.Name} is not running after the rollback; nothing to restore into");
        await new VolumeBackup(docker, log).RestoreAsync(container.Id, backup, backups, cancellationToken);
        log.Information("Restored backup {Backup} ({Size} bytes, sha256 verified)", backup.Id, backup.Size);
        var started = await slots.StartAsync(live, cancellationToken);
        var ready = await CheckAsync(started, smoke: false, DeployTimeout, cancellationToken);
        if (!ready.Passed)
            return ready;
        await SwitchAsync(started, cancellationToken);
        return await Verify(cancellationToken);
    }
}
