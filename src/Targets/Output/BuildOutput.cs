using Serilog;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Targets;

/// <summary>What the host writes besides log events: target headers, raw lines, tables wrapped to the width, the summary.</summary>
internal sealed class BuildOutput(OutputMode mode, TextWriter console, ILogger log, Redactor redactor, int width)
{
    const string Cyan = "\u001b[1;36m", Green = "\u001b[32m", Red = "\u001b[31m", Reset = "\u001b[0m";

    public OutputMode Mode => mode;

    /// <summary>The file GitHub Actions shows as the job's summary (<c>GITHUB_STEP_SUMMARY</c>), when set.</summary>
    public string? StepSummary { get; init; }

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

    /// <summary>Renders a widget to the width (colored in a terminal), line by line.</summary>
    public void Write(Func<bool, IRenderable> widget)
    {
        var plain = Render(widget(false), ansi: false);
        var colored = mode == OutputMode.Terminal ? Render(widget(true), ansi: true) : plain;
        for (var i = 0; i < plain.Count; i++)
            Line(plain[i], i < colored.Count ? colored[i] : null);
    }

    /// <summary>Text wrapped to the width, each line indented.</summary>
    public void Wrapped(string text, int indent = 0) => Write(_ => new Padder(new Text(text)).Padding(indent, 0, 0, 0));

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

    /// <summary>The summary table, cut to the width by wrapping the notes; in GitHub Actions also as Markdown in the job summary.</summary>
    public void Summary(IReadOnlyList<ExecutableTarget> plan, TimeSpan total, bool succeeded)
    {
        var rows = plan.Select(t => new[] { t.Name, t.Status.ToString(), t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(t.Duration) : "", Notes(t) })
            .Append(["Total", "", Format(total), ""]).ToList();
        Line();
        Write(color =>
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("Target", "Status", "Duration", "Notes");
            table.Columns[0].PadLeft(0);
            foreach (var column in table.Columns.Take(3))
                column.NoWrap();
            for (var i = 0; i < rows.Count; i++)
            {
                var style = color && i < plan.Count ? Styles(plan[i].Status) : Style.Plain;
                table.AddRow(rows[i].Select(cell => new Text(cell, style)));
            }
            return table;
        });
        var verdict = $"Build {(succeeded ? "succeeded" : "failed")} on {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC";
        Line(verdict, $"{(succeeded ? Green : Red)}{verdict}{Reset}");
        if (mode == OutputMode.Json)
            log.Information("Build {Result:l} in {Duration:l}", succeeded ? "succeeded" : "failed", Format(total));
        if (!string.IsNullOrEmpty(StepSummary))
            File.AppendAllLines(StepSummary, [$"### {verdict}", "", "| Target | Status | Duration | Notes |", "|---|---|---|---|", .. rows.Select(Markdown), ""]);
    }

    static string Markdown(string[] cells) => $"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|").Replace("\n", " ")))} |";

    static string Notes(ExecutableTarget t)
    {
        var notes = t.Summary.Select(kv => string.IsNullOrEmpty(kv.Key) ? kv.Value : $"{kv.Key}: {kv.Value}");
        return string.Join("; ", t.Reason is null ? notes : notes.Prepend(t.Reason));
    }

    static Style Styles(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => new Style(Color.Green),
        TargetStatus.Failed or TargetStatus.Aborted => new Style(Color.Red),
        TargetStatus.Skipped or TargetStatus.NotRun => new Style(Color.Yellow),
        _ => Style.Plain,
    };

    List<string> Render(IRenderable widget, bool ansi)
    {
        var text = new StringWriter();
        var screen = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = [],
        });
        screen.Profile.Width = width;
        screen.Write(widget);
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r').TrimEnd()).SkipWhile(l => l.Length == 0).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>The file only in terminal and plain modes (the console shows a header instead); everywhere in JSON mode.</summary>
    ILogger Quiet() => mode == OutputMode.Json ? log : log.ForContext(BuildLogging.FileOnly, true);

    void Console(string text) => console.WriteLine(text);

    internal static string Format(TimeSpan d) =>
        d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss") : d.TotalSeconds >= 60 ? d.ToString(@"m\:ss") : $"{d.TotalSeconds:0.0}s";
}
