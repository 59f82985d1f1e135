using System.Globalization;
using Pipeline.Environments;
using Pipeline.Output;

namespace Pipeline.Development;

/// <summary>DevStatus's table: service, state, health, ports, uptime, restarts, image; or one line saying nothing runs.</summary>
public static class DevStatusTable
{
    private static readonly string[] Headers = ["Service", "State", "Health", "Ports", "Uptime", "Restarts", "Image"];

    /// <summary>Writes the table for <paramref name="status"/> as of <paramref name="now"/>.</summary>
    public static void Write(TextWriter writer, EnvironmentStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(status);
        if (status.IsEmpty)
        {
            writer.WriteLine($"The development environment is not running (Compose project {status.Project}): {Commands.DevStart} starts it.");
            return;
        }
        writer.WriteLine($"Development environment (Compose project {status.Project}):");
        Tables.Write(writer, Headers, status.Containers.Select(c => (IReadOnlyList<string>)
        [
            c.Service, c.State, c.Health, c.Ports.Count == 0 ? "-" : string.Join(",", c.Ports),
            c.IsRunning ? Uptime(now - c.StartedAt) : "-", c.RestartCount.ToString(CultureInfo.InvariantCulture), c.Image,
        ]));
    }

    /// <summary>A short duration: <c>42s</c>, <c>3m 05s</c>, <c>2h 07m</c>, <c>3d 04h</c>; <c>-</c> when unknown.</summary>
    public static string Uptime(TimeSpan? span) => span switch
    {
        null => "-",
        { TotalSeconds: < 0 } => "0s",
        { TotalMinutes: < 1 } s => $"{s.Seconds}s",
        { TotalHours: < 1 } s => $"{s.Minutes}m {s.Seconds:00}s",
        { TotalDays: < 1 } s => $"{(int)s.TotalHours}h {s.Minutes:00}m",
        var s => $"{(int)s.Value.TotalDays}d {s.Value.Hours:00}h",
    };
}
