namespace Pipeline.Environments;

/// <summary>A plain-text table: padded columns, a dashed rule under the headers, no colours or box characters.</summary>
internal static class PlainTable
{
    public static void Write(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Line(headers, widths));
        writer.WriteLine(Line([.. widths.Select(w => new string('-', w))], widths));
        foreach (var row in all)
            writer.WriteLine(Line(row, widths));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();

    public static string Short(string? value, int length) =>
        string.IsNullOrEmpty(value) ? "-" : value.Length <= length ? value : value[..length];

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
