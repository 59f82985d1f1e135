namespace Pipeline.Delivery;

/// <summary>Who asks for a deploy lock: user, machine, process id, the version being deployed, and when.</summary>
/// <param name="User">The user, such as <c>alice</c>.</param>
/// <param name="Machine">The host the deploying process runs on.</param>
/// <param name="Pid">The deploying process's id, used to spot a lock left by a process that is gone.</param>
/// <param name="Version">The version being deployed.</param>
/// <param name="StartedAt">When the owner took the lock; the lock container's <c>acquired-at</c> label.</param>
public sealed record LockOwner(string User, string Machine, int Pid, string Version, DateTimeOffset StartedAt)
{
    /// <summary>This process, run by <see cref="DeployUser.Current"/>, deploying <paramref name="version"/> from now.</summary>
    public static LockOwner Current(string version) => Current(version, DateTimeOffset.UtcNow);

    /// <summary>This process, run by <see cref="DeployUser.Current"/>, deploying <paramref name="version"/> from <paramref name="startedAt"/>.</summary>
    public static LockOwner Current(string version, DateTimeOffset startedAt)
    {
        var user = DeployUser.Current();
        return new LockOwner(user.User, user.Machine, System.Environment.ProcessId, version, startedAt);
    }
}
