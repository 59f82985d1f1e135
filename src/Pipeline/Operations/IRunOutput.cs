namespace Pipeline.Operations;

/// <summary>
/// Where an operation's results go, as the build host shows them: tables printed to the console and the log, notes in the
/// summary table, and a log file per area of work. Every text passes the host's secret masker.
/// </summary>
public interface IRunOutput
{
    /// <summary>Prints text (a table, a report) as is.</summary>
    void Print(string text);

    /// <summary>Prints what <paramref name="write"/> writes (a report's table).</summary>
    void Print(Action<TextWriter> write);

    /// <summary>Adds a note to the current target's row of the summary table.</summary>
    void Report(string key, string value);

    /// <summary>A logger for one area of work, also writing <c>logs/&lt;area&gt;/&lt;name&gt;-YYYYMMDD.log</c>; dispose it when done.</summary>
    Serilog.Core.Logger AreaLog(string area, string name);
}

/// <summary>An operation ended with a bad outcome; the message says what failed and what to run next.</summary>
public sealed class OperationFailedException(string message) : Exception(message);
