using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Delivery;

/// <summary>Rollback tag names: <c>rollback-YYYYMMDD-HHMMSS</c> (UTC), then <c>-2</c>, <c>-3</c> for more in the same second.</summary>
internal static partial class RollbackTagNames
{
    public const string Prefix = "rollback-";

    public static string For(DateTimeOffset at, int sequence) =>
        Prefix + at.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (sequence > 1 ? $"-{sequence}" : "");

    /// <summary>The time and sequence a tag name (or a bare <c>YYYYMMDD-HHMMSS</c>) says, or null when it says none.</summary>
    public static (DateTimeOffset Time, int Sequence)? Parse(string name)
    {
        var match = Name().Match(name ?? "");
        if (!match.Success || !DateTime.TryParseExact(match.Groups["time"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return null;
        var sequence = match.Groups["n"].Success && int.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return (new DateTimeOffset(time, TimeSpan.Zero), sequence);
    }

    /// <summary>Up to <paramref name="count"/> of <paramref name="tags"/> nearest to <paramref name="wanted"/>: first by time, then by spelling.</summary>
    public static IReadOnlyList<string> Nearest(string wanted, IReadOnlyList<string> tags, int count = 3)
    {
        var byTime = Parse(wanted) is { } at
            ? tags.Select(t => (Tag: t, At: Parse(t))).Where(t => t.At is not null)
                .OrderBy(t => Math.Abs((t.At!.Value.Time - at.Time).Ticks)).ThenBy(t => t.Tag, StringComparer.Ordinal).Select(t => t.Tag).ToList()
            : [];
        var bySpelling = tags.OrderBy(t => Pipeline.Tools.EditDistance.Between(wanted, t)).ThenBy(t => t, StringComparer.Ordinal).ToList();
        return [.. byTime.Take(2).Concat(bySpelling.Take(2)).Concat(byTime).Concat(bySpelling).Distinct(StringComparer.Ordinal).Take(count)];
    }

    [GeneratedRegex("^(?:rollback-)?(?<time>[0-9]{8}-[0-9]{6})(?:-(?<n>[0-9]{1,4}))?$")]
    private static partial Regex Name();
}
