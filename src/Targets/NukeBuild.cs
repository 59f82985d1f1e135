using System.Linq.Expressions;

namespace Targets;

/// <summary>How much the console shows.</summary>
public enum Verbosity
{
    /// <summary>Errors only.</summary>
    Quiet,

    /// <summary>Warnings and errors.</summary>
    Minimal,

    /// <summary>Information, warnings and errors.</summary>
    Normal,

    /// <summary>Everything, including debug details.</summary>
    Verbose,
}

/// <summary>A step of the pipeline and its targets, for <c>--help</c>: <c>new("deliver", DeployStaging, PromoteToProduction)</c>.</summary>
public sealed record Stage(string Name, params Target[] Targets);

/// <summary>
/// The base class of a build: declare <see cref="Target"/> properties and <see cref="ParameterAttribute"/> members,
/// and call <see cref="Execute{T}(Expression{Func{T, Target}}[])"/> from <c>Main</c>.
/// </summary>
public abstract class NukeBuild
{
    /// <summary>The repository root: the folder holding <c>.nuke/</c>, or <c>--root</c>.</summary>
    public AbsolutePath RootDirectory { get; internal set; } = Directory.GetCurrentDirectory();

    /// <summary>The console verbosity (<c>--verbosity</c>).</summary>
    public Verbosity Verbosity { get; internal set; } = Verbosity.Normal;

    /// <summary>True when running in CI (<c>CI=true</c> or <c>GITHUB_ACTIONS=true</c>).</summary>
    public bool IsServerBuild { get; internal set; }

    /// <summary>True when not running in CI.</summary>
    public bool IsLocalBuild => !IsServerBuild;

    /// <summary>Every target of the build, with its relationships.</summary>
    public IReadOnlyList<ExecutableTarget> AllTargets { get; internal set; } = [];

    /// <summary>The targets named on the command line, or the defaults.</summary>
    public IReadOnlyList<ExecutableTarget> InvokedTargets { get; internal set; } = [];

    /// <summary>The targets this run executes, in order.</summary>
    public IReadOnlyList<ExecutableTarget> ExecutionPlan { get; internal set; } = [];

    /// <summary>The redactor of this run: add secrets learned at run time with <see cref="Redactor.Add"/>.</summary>
    public Redactor Redactor { get; internal set; } = new();

    /// <summary>The stages in pipeline order: <c>--help</c> lists targets under them, and listed targets in none last.</summary>
    protected internal virtual IEnumerable<Stage> PipelineStages => [];

    internal ExecutableTarget? CurrentTarget { get; set; }
    internal BuildOutput? Output { get; set; }
    internal List<string> ClosingLines { get; } = [];

    /// <summary>
    /// A logger for one area of work that writes to the run's log and also to <c>logs/&lt;area&gt;/&lt;name&gt;-YYYYMMDD.log</c>,
    /// e.g. <c>AreaLog("staging", "deploy")</c>. Secrets are masked there too. Dispose it when the work is done.
    /// </summary>
    protected Serilog.Core.Logger AreaLog(string area, string name) =>
        BuildLogging.CreateAreaLogger(Serilog.Log.Logger, RootDirectory / "logs" / area / $"{name}-{DateTime.Now:yyyyMMdd}.log", Redactor);

    /// <summary>Adds a note to the current target's row of the summary table.</summary>
    protected void ReportSummary(string key, object? value) => CurrentTarget?.Summary[key] = Redactor.Redact(value?.ToString() ?? "");

    /// <summary>Prints text (a table, a report) to the console as is, and to the log file; secrets are masked.</summary>
    protected void Print(string text) => Array.ForEach(text.TrimEnd('\n').Split('\n'), line => Output?.Line(line.TrimEnd('\r')));

    /// <summary>Prints what <paramref name="write"/> writes (a report's table), as <see cref="Print(string)"/> does.</summary>
    protected void Print(Action<TextWriter> write)
    {
        using var text = new StringWriter();
        write(text);
        Print(text.ToString());
    }

    /// <summary>A line printed after the summary table, as the very last output of the run (e.g. the test totals).</summary>
    protected void ReportClosingLine(string line) => ClosingLines.Add(Redactor.Redact(line));

    /// <summary>Called once parameters are bound, before help, planning or any target (e.g. to regenerate generated files).</summary>
    protected internal virtual void OnBuildInitialized() { }

    /// <summary>Runs the build with the process's arguments and returns the exit code.</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new() =>
        BuildHost.Run<T>(Environment.GetCommandLineArgs()[1..], HostContext.FromProcess(), defaultTargets);
}
