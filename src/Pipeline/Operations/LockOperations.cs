using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Model;

namespace Pipeline.Operations;

/// <summary>
/// The state kept on each environment's engine for the environments of <paramref name="delivery"/>: its deploy lock (show it, release
/// this run's own, remove a stale one) and its audit log (print it).
/// </summary>
public sealed class LockOperations(PipelineContext run, DeliveryOptions delivery)
{
    /// <summary>
    /// Where <paramref name="environment"/>'s lock and audit log live: the engine of its first host as the environments define it (one place
    /// every machine and every host of the fleet agrees on, and the host a deployment talks to first).
    /// </summary>
    public static async Task<TargetState> TargetAsync(PipelineContext run, DeliveryOptions delivery, DeployEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(environment);
        var first = delivery.Environments[environment].Environment.Hosts[0];
        return new TargetState((await run.HostAsync(first, delivery.Ssh, cancellationToken)).Client, delivery.Prefix);
    }

    /// <summary>Releases production's deploy lock if this process still holds it (after a failure or Ctrl-C); an engine that cannot be reached is only logged.</summary>
    public async Task ReleaseOwnAsync(CancellationToken cancellationToken)
    {
        var production = DeployEnvironment.Production;
        try
        {
            var target = await TargetAsync(run, delivery, production, cancellationToken);
            if (await DeployLock.ReadAsync(target, production.Name, cancellationToken) is { } held && held.Pid == Environment.ProcessId && DeployUser.Current().IsThisMachine(held.Machine))
                await DeployLock.RemoveAsync(target, held, run.Log, cancellationToken);
        }
        catch (Exception e) when (e is EngineUnavailableException or Hosts.HostConnectionException)
        {
            run.Log.Warning("Could not check production's deploy lock: {Error}", e.Message);
        }
    }

    /// <summary>Prints who holds <paramref name="environment"/>'s lock: holder, machine, pid, version, age and lease.</summary>
    public async Task StatusAsync(DeployEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var target = await TargetAsync(run, delivery, environment, cancellationToken);
        var status = await DeployLock.ReadAsync(target, environment.Name, cancellationToken);
        run.Output.Print(w =>
        {
            if (status is null)
                w.WriteLine($"{environment}: not locked (no container {target.LockContainer(environment.Name)})");
            else
                status.Write(w);
        });
        run.Output.Report("", status is null ? "not locked" : status.IsStale ? "locked, stale" : "locked");
    }

    /// <summary>
    /// Prints the last <paramref name="count"/> entries of <paramref name="environment"/>'s audit log on its engine (else this checkout's entries
    /// about it, saying so); with no environment, this checkout's log of every environment, saying so.
    /// </summary>
    public async Task AuditAsync(DeployEnvironment? environment, int count, CancellationToken cancellationToken)
    {
        var history = environment is null
            ? run.Settings.AuditTrail.ReadLocal(count)
            : await run.Settings.AuditTrail.OnTarget(await TargetAsync(run, delivery, environment, cancellationToken), run.Log).ReadAsync(environment.Name, count, cancellationToken);
        run.Output.Print(w =>
        {
            w.WriteLine(history.Source);
            AuditLog.Write(w, history.Entries);
        });
        run.Output.Report("", history.OnTarget ? "read on the engine" : "read locally");
    }

    /// <summary>
    /// Removes <paramref name="environment"/>'s lock when its lease has expired (or it cannot be read), and audits it; a live lock is
    /// refused unless <paramref name="force"/>.
    /// </summary>
    public async Task UnlockAsync(DeployEnvironment environment, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var log = run.Output.AreaLog("deploy", "unlock");
        var target = await TargetAsync(run, delivery, environment, cancellationToken);
        LockStatus? removed;
        try
        {
            removed = await DeployLock.UnlockAsync(target, environment.Name, force, log, cancellationToken);
        }
        catch (DeployLockLiveException e)
        {
            throw new OperationFailedException(e.Message);
        }
        run.Output.Report("", removed is null ? "there was no lock" : "lock removed");
        if (removed is { } holder)
            await run.Settings.AuditTrail.OnTarget(target, log).AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Unlock, environment.Name, AuditOutcome.Succeeded)
            {
                Version = holder.Problem is null ? holder.Version : null,
                Message = $"removed the lock of {holder.Describe()}" + (holder.Problem is null && !holder.IsStale ? " with --force while its lease was live" : ""),
            }.By(DeployUser.Current()), cancellationToken);
    }
}
