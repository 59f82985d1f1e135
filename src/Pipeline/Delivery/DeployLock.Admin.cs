using Serilog;

namespace Pipeline.Delivery;

public sealed partial class DeployLock
{
    /// <summary>Who holds the lock of <paramref name="environment"/>, or null when it is free.</summary>
    public static LockStatus? Read(string lockDirectory, string environment)
    {
        var path = LockFile.PathFor(lockDirectory, environment);
        return LockFile.ReadSettled(path, environment);
    }

    /// <summary>Removes the lock of <paramref name="environment"/> whoever holds it (the Unlock target); logs the holder and returns whether there was a lock.</summary>
    public static bool ForceRelease(string lockDirectory, string environment, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var path = LockFile.PathFor(lockDirectory, environment);
        if (Read(lockDirectory, environment) is not { } holder)
        {
            log.Information("{Environment} is not locked: nothing to remove ({Path})", environment, path);
            return false;
        }
        File.Delete(path);
        log.Warning("Removed the {Environment} deploy lock held by {Holder}", environment, holder.Describe());
        return true;
    }
}
