namespace Pipeline.Delivery;

/// <summary>An environment's deploy lock is held by someone else; the message names the holder and what to do.</summary>
public sealed class DeployLockedException(LockStatus holder) : Exception(MessageFor(holder))
{
    /// <summary>Who holds the lock.</summary>
    public LockStatus Holder { get; } = holder;

    static string MessageFor(LockStatus holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var unlock = Commands.Unlock.With(Commands.Flags.Environment, holder.Environment);
        if (holder.Problem is not null)
            return $"{holder.Environment} is locked, but its lock cannot be read ({holder.Problem}). If no deployment is running, run {unlock} and retry.";
        var who = $"{holder.Environment} is locked by {holder.Owner}@{holder.Machine} (pid {holder.Pid}) since {LockStatus.Time(holder.AcquiredAt)} deploying {holder.Version}";
        return holder.IsStale
            ? $"{who}, but the holder stopped renewing its lease {LockStatus.Seconds(holder.StaleFor)} s ago: the lock is stale. Make sure no deployment is running, then run {unlock} and retry."
            : $"{who}; wait for it. If that process is gone, the lock turns stale when its lease ends ({LockStatus.Time(holder.ExpiresAt)}), then run {unlock}";
    }
}
