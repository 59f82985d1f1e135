using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Proxy;
using Serilog;

namespace Pipeline.Cutover;

/// <summary>
/// <see cref="IDeploySteps"/> without dropping a request, on every host of an environment at once: each release runs in its own slot
/// behind each host's edge proxy. A deploy prepares the new slot on every host, starts it beside the live one, waits until it answers its
/// health path and passes the smoke scenarios (directly, not through the proxy); only when every host passed does any proxy switch.
/// When one host fails before the switch, no host switches and the new slots are removed. Afterwards the old slots stop (they finish
/// their requests) and are kept for a rollback. A single-writer service never runs twice on its data: the old slot stops first and the
/// proxy holds requests until the new one is switched in (or the old one is started again).
/// </summary>
/// <param name="service">The service the proxies route to.</param>
/// <param name="hosts">Each host's part; the first is the primary (backups, the running release).</param>
/// <param name="points">The repository of rollback points.</param>
/// <param name="backups">The environment's backups.</param>
/// <param name="log">Where to log.</param>
public sealed class CutoverSteps(Service service, IReadOnlyList<HostCutover> hosts, RollbackPoints points, BackupStore backups, ILogger log) : IDeploySteps
{
    /// <summary>How long a new slot may take to answer its health path.</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The smoke scenarios, run against a host's new slot directly (its base address) before any proxy sends it traffic.</summary>
    public Func<Host, Uri, CancellationToken, Task<Verdict>> Smoke { get; init; } = (_, _, _) => Task.FromResult(Verdict.Pass);

    /// <summary>Post-switch verification through the proxies (health checks).</summary>
    public Func<CancellationToken, Task<Verdict>> Verify { get; init; } = _ => Task.FromResult(Verdict.Pass);

    /// <summary>How many stopped slots to keep for instant rollbacks.</summary>
    public int Retain { get; init; } = 3;

    /// <summary>How many hosts are worked on at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>
    /// A test hook (none by default), called at <c>before-cutover</c>, the last point before what the environment serves changes, and at
    /// <c>after-switch</c>, right after the proxies switched to the new release.
    /// </summary>
    public Func<string, CancellationToken, Task> Pause { get; init; } = (_, _) => Task.CompletedTask;

    /// <summary>The environment's backups.</summary>
    public BackupStore Backups => backups;

    /// <summary>Each host's part.</summary>
    public IReadOnlyList<HostCutover> Hosts => hosts;

    private HostCutover Primary => hosts[0];

    /// <summary>Points every proxy at its host's live release again, at its address now (a container restarted by a data copy may have a new one).</summary>
    public Task RepointAsync(CancellationToken cancellationToken) => EachAsync(hosts, h => h.RepointAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<Release?> RunningAsync(CancellationToken cancellationToken) =>
        (await Primary.LiveAsync(cancellationToken)) is { } live ? RunningRelease.Of(live.Containers) : null;

    /// <inheritdoc />
    public async Task<string> BackupAsync(Release running, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        var container = (await Primary.LiveAsync(cancellationToken))?.Of(service.Name) is { IsRunning: true } c ? c
            : throw new EnvironmentException($"No running container of service {service.Name} in {Primary.Route.Name}{Primary.On} to back up.");
        var backup = await new VolumeBackup(Primary.Slots.Docker, log).BackupAsync(container.Id, "/data", backups, new BackupInfo(Primary.Route.Name, running.Version, reason), cancellationToken);
        log.Information("Backed up {Route}'s data{On} as {Backup} ({Size} bytes, sha256 {Sha})", Primary.Route.Name, Primary.On, backup.Id, backup.Size, backup.Sha256[..12]);
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
        var prepared = await EachAsync(hosts, h => h.PrepareAsync(release, ct), ct);
        if (Failed(prepared) is { } notPrepared)
            return notPrepared;
        var steps = prepared.Select(p => p.Value!).ToList();
        if (steps.All(s => s.Serving))
        {
            log.Information("{Version} already serves {Route}", release.Version, Primary.Route.Name);
            return Verdict.Pass;
        }
        var undo = true;
        try
        {
            await Pause("before-cutover", ct);
            var timeout = DeployTimeout;
            if (service.SingleWriter && steps.Any(s => !s.Serving && s.Live is { IsRunning: true }))
            {
                log.Information("{Service} is single-writer: the proxy holds requests while {Old} stops and {Version} starts", service.Name, steps.First(s => s.Live is not null).Live!.Version, release.Version);
                timeout = HeldReadiness;
                await EachAsync(steps, s => s.Host.HoldAndStopAsync(s, ct), ct);
            }
            var checkedSteps = await EachAsync(steps, s => s.Host.StartAsync(s, smoke ? Smoke : null, timeout, ct), ct);
            if ((Failed(checkedSteps) ?? Failed([.. checkedSteps.Select(c => c.Value!)])) is { } failed)
                return failed;
            await EachAsync(steps, s => s.Host.SwitchAsync(s, ct), ct);
            undo = false;
        }
        finally
        {
            if (undo)
                await EachAsync(steps, s => s.Host.UndoAsync(s, UndoTimeout), CancellationToken.None);
        }
        await Pause("after-switch", ct);
        await EachAsync(steps, s => s.Host.FinishAsync(s, Retain, ct), ct);
        return Verdict.Pass;
    }

    /// <summary>
    /// How long a single-writer release may take to answer while the proxy holds requests: half the hold, so that a release that never answers
    /// still leaves time to start the old one again before a held request gives up.
    /// </summary>
    private TimeSpan HeldReadiness => TimeSpan.FromTicks(Math.Min(DeployTimeout.Ticks, Primary.Proxy.Options.Hold.Ticks / 2));

    /// <summary>How long undoing a host may take at most (start the old release again and switch back): never less than a minute, whatever the deploy timeout.</summary>
    private TimeSpan UndoTimeout => DeployTimeout > TimeSpan.FromMinutes(1) ? DeployTimeout : TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <paramref name="work"/> for each item, <see cref="Parallelism"/> at a time; a host whose work throws (anything but a cancellation) gives
    /// a failed result naming it, so that the other hosts' results are never lost.
    /// </summary>
    private async Task<IReadOnlyList<HostResult<T>>> EachAsync<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, Task<T>> work, CancellationToken ct)
    {
        var results = new HostResult<T>[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, _) =>
        {
            var host = items[i] switch { HostCutover h => h, HostStep s => s.Host, _ => Primary };
            try
            {
                results[i] = new(host, await work(items[i]), null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.Error("{Host}: {Message}", host.Host.Name, e.Message);
                results[i] = new(host, default, e);
            }
        });
        return results;
    }

    private async Task EachAsync<TItem>(IReadOnlyList<TItem> items, Func<TItem, Task> work, CancellationToken ct)
    {
        var results = await EachAsync(items, async item => { await work(item); return true; }, ct);
        if (results.FirstOrDefault(r => r.Error is not null) is { Error: { } error })
            throw error;
    }

    private Verdict? Failed<T>(IReadOnlyList<HostResult<T>> results)
    {
        var failures = results.Where(r => r.Error is not null).ToList();
        return failures.Count == 0 ? null : Verdict.Fail(Describe(failures.Select(f => (f.Host, f.Error is EnvironmentException ? f.Error.Message : f.Error!.GetBaseException().Message))));
    }

    private Verdict? Failed(IReadOnlyList<Verdict> verdicts)
    {
        var failures = verdicts.Select((v, i) => (v, i)).Where(x => !x.v.Passed).Select(x => (hosts[x.i], x.v.Problem ?? "failed")).ToList();
        return failures.Count == 0 ? null : Verdict.Fail(Describe(failures));
    }

    /// <summary>One host's failure as it is (the single-host message unchanged); several, one line per host, and what that means for the fleet.</summary>
    private string Describe(IEnumerable<(HostCutover Host, string Problem)> failures)
    {
        var list = failures.ToList();
        if (hosts.Count == 1)
            return list[0].Problem;
        return $"{list.Count} of {hosts.Count} hosts failed, so no host was switched to the new release:\n" +
            string.Join("\n", list.Select(f => $"  {f.Host.Host.Name}: {f.Problem}"));
    }

    /// <inheritdoc />
    public Task RemoveAsync(CancellationToken cancellationToken) =>
        EachAsync(hosts, async h =>
        {
            foreach (var slot in await h.Slots.ListAsync(cancellationToken))
                await h.Slots.RemoveAsync(slot, cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public void CheckBackup(string backupId) => backups.Find(backupId);

    /// <inheritdoc />
    public async Task<Verdict> RestoreAsync(string backupId, CancellationToken cancellationToken)
    {
        var backup = backups.Find(backupId);
        if ((await Primary.LiveAsync(cancellationToken)) is not { IsRunning: true } live || live.Of(service.Name) is not { } container)
            return Verdict.Fail($"{Primary.Route.Name} is not running{Primary.On} after the rollback; nothing to restore into");
        await new VolumeBackup(Primary.Slots.Docker, log).RestoreAsync(container.Id, backup, backups, cancellationToken);
        log.Information("Restored backup {Backup}{On} ({Size} bytes, sha256 verified)", backup.Id, Primary.On, backup.Size);
        var ready = await Primary.RestartAsync(live, DeployTimeout, cancellationToken);
        return ready.Passed ? await Verify(cancellationToken) : ready;
    }

    private sealed record HostResult<T>(HostCutover Host, T? Value, Exception? Error);
}
