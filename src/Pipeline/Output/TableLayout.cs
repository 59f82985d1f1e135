namespace Pipeline.Output;

/// <summary>How wide a table may be and whether it may draw boxes.</summary>
/// <param name="Width">The width to fit, in characters.</param>
/// <param name="Boxes">True on a colour terminal: box-drawing borders; false: plain columns and a dashed rule.</param>
public sealed record TableLayout(int Width, bool Boxes)
{
    /// <summary>The width used when the output is not a terminal and <c>COLUMNS</c> is not set.</summary>
    public const int DefaultWidth = 80;

    /// <summary>Plain text at <paramref name="width"/> characters.</summary>
    public static TableLayout Plain(int width = DefaultWidth) => new(width, false);

    /// <summary>
    /// The layout for this process's output: <c>COLUMNS</c> when set, else the terminal's width, else 80; boxes only when the
    /// output is a terminal, <c>NO_COLOR</c> is not set and <c>TERM</c> is not <c>dumb</c>.
    /// </summary>
    public static TableLayout FromEnvironment()
    {
        var terminal = !Console.IsOutputRedirected;
        var colour = terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new(Columns() ?? (terminal ? TerminalWidth() : null) ?? DefaultWidth, colour);
    }

    static int? Columns() => int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : null;

    static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
