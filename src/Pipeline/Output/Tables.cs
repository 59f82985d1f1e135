using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pipeline.Output;

/// <summary>
/// The one table writer (Spectre.Console underneath): plain columns under a dashed rule, or boxes on a colour terminal,
/// fitted to the layout's width by wrapping the free-text last column when asked. Identifiers, times and versions never wrap:
/// when the other columns alone are wider than the layout, the table keeps its natural width.
/// </summary>
public static class Tables
{
    /// <summary>Writes one row per entry of <paramref name="rows"/> under <paramref name="headers"/>.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(headers);
        options ??= new TableOptions();
        var layout = options.Layout ?? TableLayout.FromEnvironment();
        var all = (rows ?? []).ToList();
        var table = new Table { Border = layout.Boxes ? TableBorder.Rounded : PlainBorder.Instance, ShowHeaders = options.ShowHeaders };
        for (var i = 0; i < headers.Count; i++)
            table.AddColumn(new TableColumn(new Text(headers[i])) { NoWrap = !(options.WrapLast && i == headers.Count - 1), Padding = layout.Boxes ? new Padding(1, 0, 1, 0) : new Padding(0, 0, 1, 0) });
        foreach (var row in all)
            table.AddRow([.. row.Select(cell => new Text(cell))]);
        // Spectre counts the plain border's empty edges and the last column's right padding, which trimming removes: 3 characters.
        var width = Fits(headers, all, options, layout) ? layout.Width - options.Indent + (layout.Boxes ? 0 : 3) : int.MaxValue / 2;
        foreach (var line in Render(table, width, layout.Boxes))
            writer.WriteLine(new string(' ', options.Indent) + line);
    }

    /// <summary>A cell for a value that may be long (a sha, a digest): its first <paramref name="length"/> characters, <c>-</c> when empty.</summary>
    public static string Short(string? value, int length) =>
        string.IsNullOrEmpty(value) ? "-" : value.Length <= length ? value : value[..length];

    /// <summary>A cell for a time: <c>yyyy-MM-dd HH:mm:ssZ</c> in UTC, <c>-</c> when unknown.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>True when the table fits the layout with its last column wrapped at spaces (or unwrapped).</summary>
    static bool Fits(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, TableOptions options, TableLayout layout)
    {
        var cells = Enumerable.Range(0, headers.Count).Select(i => rows.Select(r => i < r.Count ? r[i] : "").Prepend(options.ShowHeaders ? headers[i] : "")).ToList();
        var widths = cells.Select((column, i) => options.WrapLast && i == cells.Count - 1
            ? column.SelectMany(c => c.Split(' ')).Max(w => w.Length)
            : column.Max(c => c.Length)).ToList();
        var separators = layout.Boxes ? 3 * (headers.Count - 1) + 4 : 2 * (headers.Count - 1);
        return widths.Sum() + separators + options.Indent <= layout.Width;
    }

    static IEnumerable<string> Render(Table table, int width, bool boxes)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = boxes;
        console.Write(table);
        var lines = text.ToString().ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        return lines.SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse();
    }

    /// <summary>Columns two spaces apart, a dashed rule under the headers, no edges.</summary>
    sealed class PlainBorder : TableBorder
    {
        public static readonly PlainBorder Instance = new();

        public override string GetPart(TableBorderPart part) =>
            part is TableBorderPart.HeaderSeparator or TableBorderPart.CellSeparator ? " " : "";

        public override string GetColumnRow(TablePart part, IReadOnlyList<int> widths, IReadOnlyList<IColumn> columns) =>
            part == TablePart.HeaderSeparator ? string.Join("  ", widths.Select(w => new string('-', w))) : "";
    }
}

/// <summary>How <see cref="Tables.Write"/> lays a table out.</summary>
public sealed record TableOptions
{
    /// <summary>The last column holds free text (a message, a fix): wrap it at spaces to fit the width.</summary>
    public bool WrapLast { get; init; }

    /// <summary>False for a list without a header row.</summary>
    public bool ShowHeaders { get; init; } = true;

    /// <summary>Spaces before every line.</summary>
    public int Indent { get; init; }

    /// <summary>The width and style; null for <see cref="TableLayout.FromEnvironment"/>.</summary>
    public TableLayout? Layout { get; init; }
}
