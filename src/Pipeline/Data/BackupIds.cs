using System.Globalization;

namespace Pipeline.Data;

/// <summary>Which existing backup ids are nearest to a mistyped one: closest in time when it reads as a timestamp, else by spelling.</summary>
internal static class BackupIds
{
    public static IEnumerable<string> Nearest(string wanted, IReadOnlyList<string> ids, int count) =>
        (Time(wanted) is { } at
            ? ids.OrderBy(id => Time(id) is { } t ? Math.Abs((t - at).Ticks) : long.MaxValue)
            : ids.OrderBy(id => Distance(wanted, id)))
        .ThenByDescending(id => id, StringComparer.Ordinal)
        .Take(count);

    static DateTime? Time(string id) =>
        DateTime.TryParseExact(id.Length >= 15 ? id[..15] : id, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
                (diagonal, row[j]) = (row[j], Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)));
        }
        return row[b.Length];
    }
}
