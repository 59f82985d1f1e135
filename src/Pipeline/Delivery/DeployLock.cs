using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Delivery;

/// <summary>
/// A per-environment deploy lock kept on the environment's engine (<see cref="TargetState"/>): the container
/// <c>&lt;prefix&gt;-deploy-lock-&lt;environment&gt;</c>, created and never started, its labels naming the holder. The engine lets
/// exactly one creator have a name, so exactly one run proceeds, from any machine. The holder renews a lease in the container every
/// quarter of <see cref="TargetState.Lease"/>; a lock whose lease has expired is stale, reported as such and never taken over silently.
/// </summary>
public sealed partial class DeployLock : IAsyncDisposable
{
    readonly TargetState target;
    readonly ILogger log;
    readonly CancellationTokenSource stop = new();
    readonly Task renewing;
    int released;
    int renewals;

    DeployLock(TargetState target, LockStatus status, ILogger log)
    {
        this.target = target;
        Status = status;
        this.log = log;
        renewing = Task.Run(RenewAsync);
    }

    /// <summary>What this lock recorded about its owner, and its first lease.</summary>
    public LockStatus Status { get; }

    /// <summary>How many times this run has renewed the lease.</summary>
    public int Renewals => Volatile.Read(ref renewals);

    /// <summary>
    /// Takes the lock of <paramref name="environment"/> on <paramref name="target"/> for <paramref name="owner"/>, or throws
    /// <see cref="DeployLockedException"/> at once naming the holder (and saying when its lease has expired).
    /// </summary>
    public static async Task<DeployLock> AcquireAsync(TargetState target, string environment, LockOwner owner, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(log);
        var name = target.LockContainer(environment);
        var token = Guid.NewGuid().ToString("N");
        var labels = LabelsFor(target, environment, owner, token);
        for (var attempt = 1; ; attempt++)
        {
            if (await StateContainers.TryCreateAsync(target, name, labels, null, cancellationToken) is { } id)
            {
                var now = target.Clock.GetUtcNow();
                try
                {
                    await WriteLeaseAsync(target, id, now, cancellationToken);
                }
                catch
                {
                    await StateContainers.RemoveAsync(target.Docker, id, CancellationToken.None);
                    throw;
                }
                var status = new LockStatus(environment, owner.User, owner.Machine, owner.Pid, owner.Version, owner.StartedAt.ToUniversalTime())
                {
                    ExpiresAt = now + target.Lease, Lease = target.Lease, ReadAt = now, Id = id, Token = token,
                };
                log.Information("Locked {Environment} for {Holder} (container {Container}, lease {Lease} s)", environment, status.Describe(), name, LockStatus.Seconds(target.Lease));
                return new DeployLock(target, status, log);
            }
            if (await ReadAsync(target, environment, cancellationToken) is { } holder)
                throw new DeployLockedException(holder);
            // The name is taken but the container cannot be inspected yet: another acquirer is still creating it (the engine reserves the name
            // first). Look again shortly; a lock removed in between is simply created on the next attempt.
            if (attempt == 50)
                throw new IOException($"Could not lock {environment}: the container {name} keeps appearing and disappearing. Check what else creates it and retry.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Removes the lock container if it is still this lock's (same container id); leaves a lock taken by someone else in place.</summary>
    public async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
            return;
        await stop.CancelAsync();
        await renewing;
        using var time = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (await StateContainers.RemoveAsync(target.Docker, Status.Id, time.Token))
            log.Information("Released the {Environment} deploy lock", Status.Environment);
        else if (await ReadAsync(target, Status.Environment, time.Token) is { } other)
            log.Warning("The {Environment} deploy lock is no longer ours, now {Holder}: left in place", Status.Environment, other.Describe());
        else
            log.Warning("The {Environment} deploy lock was already removed (did someone run Unlock?)", Status.Environment);
    }

    /// <summary>Same as <see cref="ReleaseAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        stop.Dispose();
    }

    /// <summary>Who holds the lock of <paramref name="environment"/> on <paramref name="target"/>, with its lease; null when it is free.</summary>
    public static async Task<LockStatus?> ReadAsync(TargetState target, string environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ContainerInspectResponse container;
        try
        {
            container = await target.Docker.Containers.InspectContainerAsync(target.LockContainer(environment), cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var lease = ParseLease(await StateContainers.ReadAsync(target.Docker, container.ID, LeaseFile, cancellationToken));
        return StatusOf(environment, container, lease, target.Clock.GetUtcNow());
    }

    /// <summary>
    /// The Unlock command: removes <paramref name="environment"/>'s lock when its lease has expired or it cannot be read, or whatever its
    /// lease when <paramref name="force"/>; returns the holder removed, or null when there was no lock. A live lock without
    /// <paramref name="force"/> throws <see cref="DeployLockLiveException"/> and stays.
    /// </summary>
    public static async Task<LockStatus?> UnlockAsync(TargetState target, string environment, bool force, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (await ReadAsync(target, environment, cancellationToken) is not { } holder)
        {
            log.Information("{Environment} is not locked: nothing to remove", environment);
            return null;
        }
        if (holder.Problem is null && !holder.IsStale && !force)
            throw new DeployLockLiveException(holder);
        return await RemoveAsync(target, holder, log, cancellationToken) ? holder : null;
    }

    /// <summary>Removes the lock <paramref name="holder"/> describes (by its container id, so a lock taken since stays); false when it was gone already.</summary>
    public static async Task<bool> RemoveAsync(TargetState target, LockStatus holder, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(log);
        var removed = await StateContainers.RemoveAsync(target.Docker, holder.Id, cancellationToken);
        if (removed)
            log.Warning("Removed the {Environment} deploy lock held by {Holder}", holder.Environment, holder.Describe());
        return removed;
    }

    async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(target.Lease / 4, target.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await WriteLeaseAsync(target, Status.Id, target.Clock.GetUtcNow(), stop.Token);
                    Interlocked.Increment(ref renewals);
                }
                catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    log.Error("The {Environment} deploy lock was removed while this run held it (did someone run Unlock --force?); no longer renewing it", Status.Environment);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.Warning("Could not renew the {Environment} deploy lock's lease ({Error}); trying again in {Seconds} s", Status.Environment, e.Message, LockStatus.Seconds(target.Lease / 4));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
