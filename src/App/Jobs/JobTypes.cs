using System.Globalization;

namespace App.Jobs;

/// <summary>The job types and what makes a job request valid.</summary>
public static class JobTypes
{
    public const string Hash = "hash";
    public const string Sleep = "sleep";
    public const string Fail = "fail";

    /// <summary>The longest a <c>sleep</c> job waits; larger payloads are capped to it.</summary>
    public const int MaxSleepMilliseconds = 60_000;

    /// <summary>Every known type.</summary>
    public static readonly IReadOnlyList<string> All = [Hash, Sleep, Fail];

    /// <summary>Null when the request is valid, else what is wrong with it.</summary>
    public static string? Validate(string? type, string? payload) => type switch
    {
        null or "" => $"'type' is required: one of {string.Join(", ", All)}.",
        Sleep when ParseSleep(payload) is null => $"A sleep job's payload is the number of milliseconds to wait (0 to {MaxSleepMilliseconds}), not '{payload}'.",
        _ when !All.Contains(type) => $"Unknown job type '{type}': use one of {string.Join(", ", All)}.",
        _ => null,
    };

    /// <summary>Milliseconds to sleep, capped at <see cref="MaxSleepMilliseconds"/>; null when the payload is not a whole number of at least 0.</summary>
    public static int? ParseSleep(string? payload) =>
        long.TryParse(payload?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? (int)Math.Min(ms, MaxSleepMilliseconds)
            : null;
}
