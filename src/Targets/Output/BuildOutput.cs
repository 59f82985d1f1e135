using Serilog;

namespace Targets;

/// <summary>What the host writes besides log events: target headers, raw lines, the summary.</summary>
internal sealed class BuildOutput(OutputMode mode, TextWriter console, ILogger log, Redactor redactor)
{
    const string Cyan = "\u001b[1;36m", Green = "\u001b[32m", Red = "\u001b[31m", Yellow = "\u001b[33m", Reset = "\u001b[0m";

    public OutputMode Mode => mode;

    /// <summary>A line for the console as is (redacted), and for the log file.</summary>
    public void Line(string text = "", string? colored = null)
    {
        var safe = redactor.Redact(text);
        if (mode == OutputMode.Json)
        {
            log.Information("{Line:l}", safe);
            return;
        }
        Console(mode == OutputMode.Terminal && colored is not null ? redactor.Redact(colored) : safe);
        log.ForContext(BuildLogging.FileOnly, true).Information("{Line:l}", safe);
    }

    public void TargetStarted(ExecutableTarget target)
    {
        switch (mode)
        {
            case OutputMode.Terminal: Console($"{Environment.NewLine}{Cyan}═══ {target.Name} {new string('═', Math.Max(3, 60 - target.Name.Length))}{Reset}"); break;
            case OutputMode.GitHubActions: Console($"::group::{target.Name}"); break;
            case OutputMode.Plain: Console($"{Environment.NewLine}=== {target.Name} ==="); break;
        }
        Quiet().Information("Target {Target:l} started", target.Name);
    }

    public void TargetFinished(ExecutableTarget target)
    {
        if (mode == OutputMode.GitHubActions)
            Console("::endgroup::");
        Quiet().Information("Target {Target:l} {Status:l} in {Duration:l}", target.Name, target.Status.ToString(), Format(target.Duration));
    }

    public void Summary(IReadOnlyList<ExecutableTarget> plan, TimeSpan total, bool succeeded)
    {
        var table = new TextTable("Target", "Status", "Duration", "Notes");
        foreach (var t in plan)
            table.Add(t.Name, t.Status.ToString(), t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(t.Duration) : "", Notes(t));
        table.Add("Total", "", Format(total));
        Line();
        foreach (var line in table.Lines())
            Line(line, Colorize(line, plan));
        var verdict = $"Build {(succeeded ? "succeeded" : "failed")} on {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC";
        Line(verdict, $"{(succeeded ? Green : Red)}{verdict}{Reset}");
        if (mode == OutputMode.Json)
            log.Information("Build {Result:l} in {Duration:l}", succeeded ? "succeeded" : "failed", Format(total));
    }

    static string Notes(ExecutableTarget t)
    {
        var notes = t.Summary.Select(kv => string.IsNullOrEmpty(kv.Key) ? kv.Value : $"{kv.Key}: {kv.Value}");
        return string.Join("; ", t.Reason is null ? notes : notes.Prepend(t.Reason));
    }

    static string Colorize(string line, IReadOnlyList<ExecutableTarget> plan)
    {
        var target = plan.FirstOrDefault(t => line.StartsWith(t.Name + " ", StringComparison.Ordinal) || line == t.Name);
        var color = target?.Status switch
        {
            TargetStatus.Succeeded => Green,
            TargetStatus.Failed or TargetStatus.Aborted => Red,
            TargetStatus.Skipped or TargetStatus.NotRun => Yellow,
            _ => null,
        };
        return color is null ? line : color + line + Reset;
    }

    /// <summary>The file only in terminal and plain modes (the console shows a header instead); everywhere in JSON mode.</summary>
    ILogger Quiet() => mode == OutputMode.Json ? log : log.ForContext(BuildLogging.FileOnly, true);

    void Console(string text)
    {
        lock (console)
            console.WriteLine(text);
    }

    internal static string Format(TimeSpan d) =>
        d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss") : d.TotalSeconds >= 60 ? d.ToString(@"m\:ss") : $"{d.TotalSeconds:0.0}s";
}
