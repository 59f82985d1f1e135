using System.Globalization;

namespace Pipeline.Delivery;

/// <summary>Who holds an environment's deploy lock, read from its lock file.</summary>
/// <param name="Environment">The locked environment.</param>
/// <param name="Owner">The user holding the lock.</param>
/// <param name="Machine">The host the holder runs on.</param>
/// <param name="Pid">The holder's process id on <paramref name="Machine"/>.</param>
/// <param name="Version">The version being deployed.</param>
/// <param name="AcquiredAt">When the lock was taken.</param>
public sealed record LockStatus(string Environment, string Owner, string Machine, int Pid, string Version, DateTimeOffset AcquiredAt)
{
    /// <summary>True when the holder runs on this machine and its process is gone (or a zombie): nobody will release the lock.</summary>
    public bool IsStale { get; init; }

    /// <summary>Why the lock file could not be read, or null when it could; the other values are then placeholders.</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// One phrase for messages and status displays, e.g.
    /// <c>alice@build-01 (pid 4242) since 2026-11-23 14:30:00 UTC deploying 1.2.3</c>.
    /// </summary>
    public string Describe() => Problem is null
        ? $"{Owner}@{Machine} (pid {Pid}) since {Time(AcquiredAt)} deploying {Version}{(IsStale ? " [stale: process gone]" : "")}"
        : $"an unreadable lock file ({Problem})";

    internal static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
