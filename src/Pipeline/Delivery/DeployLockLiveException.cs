namespace Pipeline.Delivery;

/// <summary>Unlock was asked to remove a lock whose lease is live: its holder is still renewing it. The message names the holder and the way out.</summary>
public sealed class DeployLockLiveException(LockStatus holder) : Exception(MessageFor(holder))
{
    /// <summary>Who holds the lock.</summary>
    public LockStatus Holder { get; } = holder;

    static string MessageFor(LockStatus holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var unlock = Commands.Unlock.With(Commands.Flags.Environment, holder.Environment);
        return $"{holder.Environment} is locked by {holder.Describe()}, and its lease is live until {LockStatus.Time(holder.ExpiresAt)}: that deployment is still running. " +
            $"Wait for it. If its process was killed, the lock turns stale when the lease ends; run {unlock} then. " +
            $"Only if you are sure it cannot finish (its machine is gone), run {unlock.With(Commands.Flags.Force)}. Nothing was changed.";
    }
}
