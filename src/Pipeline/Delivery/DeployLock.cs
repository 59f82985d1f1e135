using Serilog;

namespace Pipeline.Delivery;

/// <summary>
/// A per-environment deploy lock: the file <c>&lt;lockDirectory&gt;/&lt;environment&gt;.lock</c>, created atomically, holding
/// its owner as JSON. A second deployment fails at once naming the holder; a lock is never taken over silently.
/// </summary>
public sealed class DeployLock : IAsyncDisposable
{
    readonly string content;
    readonly ILogger log;
    int released;

    DeployLock(string path, LockStatus status, string content, ILogger log)
    {
        Path = path;
        Status = status;
        this.content = content;
        this.log = log;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>What this lock recorded about its owner.</summary>
    public LockStatus Status { get; }

    /// <summary>
    /// Takes the lock of <paramref name="environment"/> for <paramref name="owner"/>, or throws <see cref="DeployLockedException"/>
    /// at once naming the holder (and saying when the holder's process is gone).
    /// </summary>
    public static async Task<DeployLock> AcquireAsync(string lockDirectory, string environment, LockOwner owner, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(log);
        var path = LockFile.PathFor(lockDirectory, environment);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var record = new LockRecord(owner.User, owner.Machine, owner.Pid, owner.Version, owner.StartedAt.ToUniversalTime(), Guid.NewGuid().ToString("N"));
        var content = LockFile.Serialize(record);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LockFile.TryCreate(path, content))
            {
                var status = new LockStatus(environment, owner.User, owner.Machine, owner.Pid, owner.Version, record.AcquiredAt);
                log.Information("Locked {Environment} for {Holder} ({Path})", environment, status.Describe(), path);
                return new DeployLock(path, status, content, log);
            }
            if (await LockFile.ReadSettledAsync(path, environment, cancellationToken) is { } holder)
                throw new DeployLockedException(holder);
            if (attempt == 10)
                throw new IOException($"Could not lock {environment}: {path} keeps appearing and disappearing. Check what else writes to {System.IO.Path.GetDirectoryName(path)} and retry.");
        }
    }

    /// <summary>Deletes the lock file if it is still this lock's (same content); leaves a lock taken by someone else in place.</summary>
    public Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
            return Task.CompletedTask;
        var current = LockFile.Content(Path);
        if (current is null)
            log.Warning("The {Environment} deploy lock was already removed (did someone run Unlock?)", Status.Environment);
        else if (current != content)
            log.Warning("The {Environment} deploy lock is no longer ours, now {Holder}: left in place", Status.Environment,
                LockFile.Parse(Status.Environment, current, File.GetLastWriteTimeUtc(Path)).Describe());
        else
        {
            File.Delete(Path);
            log.Information("Released the {Environment} deploy lock", Status.Environment);
        }
        return Task.CompletedTask;
    }

    /// <summary>Same as <see cref="ReleaseAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await ReleaseAsync();

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
