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
            return $"{holder.Environment} is locked, but its lock file cannot be read ({holder.Problem}). If no deployment is running, run {unlock} and retry.";
        var who = $"{holder.Environment} is locked by {holder.Owner}@{holder.Machine} (pid {holder.Pid}) since {LockStatus.Time(holder.AcquiredAt)} deploying {holder.Version}";
        return holder.IsStale
            ? $"{who}, but pid {holder.Pid} is no longer running on this machine: the lock is stale. Make sure no deployment is running, then run {unlock} and retry."
            : $"{who}; wait for it, or if that process is gone run {unlock}";
    }
}
