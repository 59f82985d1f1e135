using System.Globalization;

namespace Pipeline.Data;

/// <summary>Which existing backup ids are nearest to a mistyped one: closest in time when it reads as a timestamp, else by spelling.</summary>
internal static class BackupIds
{
    public static IEnumerable<string> Nearest(string wanted, IReadOnlyList<string> ids, int count) =>
        (Time(wanted) is { } at
            ? ids.OrderBy(id => Time(id) is { } t ? Math.Abs((t - at).Ticks) : long.MaxValue)
            : ids.OrderBy(id => Pipeline.Tools.EditDistance.Between(wanted, id)))
        .ThenByDescending(id => id, StringComparer.Ordinal)
        .Take(count);

    static DateTime? Time(string id) =>
        DateTime.TryParseExact(id.Length >= 15 ? id[..15] : id, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
