using Pipeline.Delivery;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Operations;

/// <summary>
/// The deploy locks kept in <paramref name="lockDirectory"/>: release this run's own, remove one left by a process that is gone
/// (recorded in <paramref name="audit"/>). Needs no engine, so it works whatever else is wrong.
/// </summary>
public sealed class LockOperations(string lockDirectory, AuditLog audit, IRunOutput output, ILogger log)
{
    /// <summary>Releases production's deploy lock if this process still holds it (after a failure or Ctrl-C).</summary>
    public void ReleaseOwn()
    {
        var production = DeployEnvironment.Production.Name;
        if (DeployLock.Read(lockDirectory, production) is { } held && held.Pid == Environment.ProcessId)
            DeployLock.ForceRelease(lockDirectory, production, log);
    }

    /// <summary>Removes <paramref name="environment"/>'s deploy lock left by a process that is gone, and audits it.</summary>
    public void Unlock(DeployEnvironment environment)
    {
        var removed = DeployLock.ForceRelease(lockDirectory, environment.Name, log);
        output.Report("", removed ? "lock removed" : "there was no lock");
        if (removed)
            audit.Append(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Unlock, environment.Name, AuditOutcome.Succeeded).By(DeployUser.Current()));
    }
}
