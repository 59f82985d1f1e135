using System.Text;

namespace Targets;

/// <summary>A plain-text table that reads well in a terminal, a CI log and a log file.</summary>
public sealed class TextTable(params string[] headers)
{
    readonly List<string[]> rows = [];

    /// <summary>Adds a row; missing cells are empty.</summary>
    public TextTable Add(params string?[] cells)
    {
        rows.Add([.. Enumerable.Range(0, headers.Length).Select(i => i < cells.Length ? cells[i] ?? "" : "")]);
        return this;
    }

    /// <summary>The table as lines.</summary>
    public IReadOnlyList<string> Lines()
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Row(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        var rule = new string('─', widths.Sum() + 2 * (widths.Length - 1));
        var lines = new List<string> { Row(headers), rule };
        lines.AddRange(rows.Select(Row));
        return lines;
    }

    /// <inheritdoc />
    public override string ToString() => new StringBuilder().AppendJoin('\n', Lines()).Append('\n').ToString();
}
