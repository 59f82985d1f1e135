using System.Text.RegularExpressions;
using Serilog;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Targets;

/// <summary>What the host writes besides log events: target headers, raw lines, tables wrapped to the width, the summary.</summary>
internal sealed partial class BuildOutput(OutputMode mode, TextWriter console, ILogger log, Redactor redactor, int width)
{
    public OutputMode Mode => mode;

    /// <summary>JSON when LOG_FORMAT=json, GitHub when GITHUB_ACTIONS=true, terminal when interactive and colors are welcome (no NO_COLOR, TERM not dumb), else plain.</summary>
    public static OutputMode DetectMode(IReadOnlyDictionary<string, string> environment, bool isTerminal) =>
        environment.GetValueOrDefault("LOG_FORMAT")?.Equals("json", StringComparison.OrdinalIgnoreCase) == true ? OutputMode.Json
        : environment.GetValueOrDefault("GITHUB_ACTIONS")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true ? OutputMode.GitHubActions
        : isTerminal && environment.GetValueOrDefault("TERM") != "dumb" && string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR")) ? OutputMode.Terminal
        : OutputMode.Plain;

    /// <summary>The file GitHub Actions shows as the job's summary (<c>GITHUB_STEP_SUMMARY</c>), when set.</summary>
    public string? StepSummary { get; init; }

    public void Line(string text = "")
    {
        var safe = redactor.Redact(text);
        var plain = Ansi().Replace(safe, "");
        if (mode != OutputMode.Json)
            console.WriteLine(mode == OutputMode.Terminal ? safe : plain);
        FileOnly().Information("{Line:l}", plain);
    }

    public void Write(IRenderable widget)
    {
        var text = new StringWriter();
        var screen = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = mode == OutputMode.Terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = mode == OutputMode.Terminal ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = [],
        });
        screen.Profile.Width = width;
        screen.Write(widget);
        foreach (var line in string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd())).Trim('\n').Split('\n'))
            Line(line);
    }

    public void Wrapped(string text, int indent = 0) => Write(new Padder(new Text(text)).Padding(indent, 0, 0, 0));

    public void TargetStarted(ExecutableTarget target)
    {
        switch (mode)
        {
            case OutputMode.Terminal: console.WriteLine($"{Environment.NewLine}\u001b[1;36m═══ {target.Name} {new string('═', Math.Max(3, 60 - target.Name.Length))}\u001b[0m"); break;
            case OutputMode.GitHubActions: console.WriteLine($"::group::{target.Name}"); break;
            case OutputMode.Plain: console.WriteLine($"{Environment.NewLine}=== {target.Name} ==="); break;
        }
        FileOnly().Information("Target {Target:l} started", target.Name);
    }

    public void TargetFinished(ExecutableTarget target)
    {
        if (mode == OutputMode.GitHubActions)
            console.WriteLine("::endgroup::");
        FileOnly().Information("Target {Target:l} {Status:l} in {Duration:l}", target.Name, target.Status.ToString(), Format(target.Duration));
    }

    /// <summary>The summary table, cut to the width by wrapping the notes; in GitHub Actions also as Markdown in the job summary.</summary>
    public void Summary(IReadOnlyList<ExecutableTarget> plan, TimeSpan total, bool succeeded)
    {
        var rows = plan.Select(t => (Cells: new[] { t.Name, t.Status.ToString(), t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(t.Duration) : "", Notes(t) }, Style: Styles(t.Status)))
            .Append((["Total", "", Format(total), ""], Style.Plain)).ToList();
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns(new TableColumn("Target").PadLeft(0).NoWrap(), new TableColumn("Status").NoWrap(), new TableColumn("Duration").NoWrap(), new TableColumn("Notes"));
        foreach (var (cells, style) in rows)
            table.AddRow(cells.Select(cell => new Text(cell, style)));
        Line();
        Write(table);
        var verdict = $"Build {(succeeded ? "succeeded" : "failed")} on {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC";
        Line($"{(succeeded ? "\u001b[32m" : "\u001b[31m")}{verdict}\u001b[0m");
        if (mode == OutputMode.Json)
            log.Information("Build {Result:l} in {Duration:l}", succeeded ? "succeeded" : "failed", Format(total));
        if (!string.IsNullOrEmpty(StepSummary))
            File.AppendAllLines(StepSummary, [$"### {verdict}", "", "| Target | Status | Duration | Notes |", "|---|---|---|---|", .. rows.Select(r => Markdown(r.Cells)), ""]);
    }

    static string Markdown(string[] cells) => $"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|").Replace("\n", " ")))} |";

    static string Notes(ExecutableTarget t) =>
        string.Join("; ", t.Summary.Select(kv => string.IsNullOrEmpty(kv.Key) ? kv.Value : $"{kv.Key}: {kv.Value}").Prepend(t.Reason).OfType<string>());

    static Style Styles(TargetStatus status) => new(status switch
    {
        TargetStatus.Succeeded => Color.Green,
        TargetStatus.Failed or TargetStatus.Aborted => Color.Red,
        _ => Color.Yellow,
    });

    /// <summary>The file only in terminal and plain modes (the console shows a header instead); everywhere in JSON mode.</summary>
    ILogger FileOnly() => mode == OutputMode.Json ? log : log.ForContext(BuildLogging.FileOnly, true);

    internal static string Format(TimeSpan d) =>
        d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss") : d.TotalSeconds >= 60 ? d.ToString(@"m\:ss") : $"{d.TotalSeconds:0.0}s";

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Ansi();
}

/// <summary>How the console is written to: colours and headers, plain lines, GitHub workflow commands, or JSON lines.</summary>
internal enum OutputMode
{
    Terminal,
    Plain,
    GitHubActions,
    Json,
}
