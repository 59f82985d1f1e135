using System.Globalization;

namespace Pipeline.Delivery;

/// <summary>Who holds an environment's deploy lock, read from its lock container on the target, and how its lease stands.</summary>
/// <param name="Environment">The locked environment.</param>
/// <param name="Owner">The user holding the lock.</param>
/// <param name="Machine">The host the holder runs on.</param>
/// <param name="Pid">The holder's process id on <paramref name="Machine"/>.</param>
/// <param name="Version">The version being deployed.</param>
/// <param name="AcquiredAt">When the lock was taken.</param>
public sealed record LockStatus(string Environment, string Owner, string Machine, int Pid, string Version, DateTimeOffset AcquiredAt)
{
    /// <summary>When the lease ends unless the holder renews it.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How long each renewal extends the lease.</summary>
    public TimeSpan Lease { get; init; }

    /// <summary>When this status was read (the clock <see cref="ExpiresAt"/> is judged by).</summary>
    public DateTimeOffset ReadAt { get; init; }

    /// <summary>Why the lock container's labels cannot be read, or null when they can; the other values are then placeholders.</summary>
    public string? Problem { get; init; }

    /// <summary>True when the lease has expired: the holder stopped renewing it (killed, or cut off), so nobody will release the lock.</summary>
    public bool IsStale => Problem is null && ReadAt > ExpiresAt;

    /// <summary>How long the lock has been held.</summary>
    public TimeSpan Age => ReadAt - AcquiredAt;

    /// <summary>How long ago the holder stopped renewing (zero while the lease is live).</summary>
    public TimeSpan StaleFor => IsStale ? ReadAt - ExpiresAt : TimeSpan.Zero;

    /// <summary>The lock container's id: what a release or an Unlock removes, so a lock taken again in between is never removed.</summary>
    internal string Id { get; init; } = "";

    /// <summary>The token of the acquisition.</summary>
    internal string Token { get; init; } = "";

    /// <summary>
    /// One phrase for messages, e.g. <c>alice@build-01 (pid 4242) since 2026-11-23 14:30:00 UTC deploying 1.2.3</c>, with
    /// <c> [stale: no renewal for 75 s]</c> when the lease has expired.
    /// </summary>
    public string Describe() => Problem is null
        ? $"{Owner}@{Machine} (pid {Pid}) since {Time(AcquiredAt)} deploying {Version}{(IsStale ? $" [stale: no renewal for {Seconds(StaleFor)} s]" : "")}"
        : $"an unreadable lock ({Problem})";

    /// <summary>The status as a few lines: holder, age, lease.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Problem is not null)
        {
            writer.WriteLine($"{Environment}: locked, but the lock cannot be read ({Problem})");
            return;
        }
        writer.WriteLine($"{Environment}: locked by {Owner}@{Machine} (pid {Pid}) deploying {Version}");
        writer.WriteLine($"  since {Time(AcquiredAt)} (age {Seconds(Age)} s)");
        writer.WriteLine(IsStale
            ? $"  lease: STALE, expired at {Time(ExpiresAt)}: the holder stopped renewing it {Seconds(StaleFor)} s ago"
            : $"  lease: live until {Time(ExpiresAt)} ({Seconds(ExpiresAt - ReadAt)} s left; {Seconds(Lease)} s, renewed every {Seconds(Lease / 4)} s)");
    }

    internal static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    internal static string Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
}
