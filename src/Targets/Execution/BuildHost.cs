using System.Collections;
using System.Linq.Expressions;
using Serilog;
using Serilog.Events;

namespace Targets;

/// <summary>Runs a build: arguments, parameters, plan, execution, summary. Exit codes: 0 success, 1 failure, 2 bad input, 130 cancelled.</summary>
internal static class BuildHost
{
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;

    public static int Run<T>(IReadOnlyList<string> args, HostContext context, params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        var arguments = Arguments.Parse(args);
        var build = new T();
        var defaults = defaultTargets.Select(e => ((MemberExpression)e.Body).Member.Name).ToArray();
        build.Redactor.AddFromEnvironment(context.Environment);
        var mode = BuildOutput.DetectMode(context.Environment, context.IsTerminal);
        var root = FindRoot(arguments, context);
        var verbosity = arguments.Find("verbosity") is { } given
            ? Enum.GetValues<Verbosity>().Cast<Verbosity?>().FirstOrDefault(v => Names.Same(v.ToString()!, given.Values.FirstOrDefault() ?? ""))
            : Verbosity.Normal;
        var logFile = root is null || arguments.Has("completion") ? null : Path.Combine(root, "logs", "build", $"{LogName(typeof(T), arguments, defaults)}-{DateTime.Now:yyyyMMdd}.log");
        var console = TextWriter.Synchronized(context.Out);
        LogEventLevel[] levels = [LogEventLevel.Error, LogEventLevel.Warning, LogEventLevel.Information, LogEventLevel.Verbose];
        using var logger = BuildLogging.Create(mode, console, levels[(int)(verbosity ?? Verbosity.Normal)], logFile, build.Redactor);
        Log.Logger = logger;
        var width = int.TryParse(context.Environment.GetValueOrDefault("COLUMNS"), out var columns) && columns > 0 ? columns : context.Width;
        var output = new BuildOutput(mode, console, logger, build.Redactor, Math.Max(80, width)) { StepSummary = context.Environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") };
        try
        {
            if (verbosity is null)
                throw new UsageException($"Unknown verbosity '{string.Join(" ", arguments.Find("verbosity")!.Values)}'. Use quiet, minimal, normal or verbose.");
            if (root is null)
                throw new UsageException(arguments.Find("root") is { } option
                    ? $"--root '{option.Values.FirstOrDefault()}' is not a repository root: it has no .nuke folder. Pass the folder that holds .nuke/, or drop --root."
                    : $"No .nuke folder found above {context.WorkingDirectory}. Run from inside the repository or pass --root <path>.");
            (build.RootDirectory, build.Verbosity, build.Output) = (root, verbosity.Value, output);
            build.IsServerBuild = context.Environment.Any(e => e.Key is "CI" or "GITHUB_ACTIONS" && (e.Value == "1" || e.Value.Equals("true", StringComparison.OrdinalIgnoreCase)));
            return Run(build, arguments, defaults, context, output, logger);
        }
        catch (BuildException e)
        {
            logger.Error("{Message:l}", e.Message);
            return e is UsageException ? BadInput : Failed;
        }
        catch (Exception e)
        {
            logger.Error(e, "The build failed outside a target: {Message:l}", e.Message);
            return Failed;
        }
        finally
        {
            Log.CloseAndFlush();
        }
    }

    static int Run(NukeBuild build, Arguments arguments, string[] defaults, HostContext context, BuildOutput output, ILogger log)
    {
        var targets = TargetDiscovery.Discover(build, defaults);
        var parameters = ParameterMember.Discover(build.GetType());
        arguments.ClaimTargets(targets, parameters);
        if (arguments.Find("completion") is { } shell)
        {
            context.Out.Write(shell.Values is ["bash"] ? Completion.Bash(targets, parameters)
                : throw new UsageException($"--completion supports bash only, e.g. source <(./build.sh --completion bash); got '{string.Join(" ", shell.Values)}'."));
            return 0;
        }
        new ParameterResolver(context.Environment, build.RootDirectory / ".nuke").Resolve(build, parameters, arguments, arguments.Find("profile")?.Values ?? []);
        foreach (var secret in parameters.Where(p => p.IsSecret).Select(p => p.Field.GetValue(build)).SelectMany(v => v as string[] ?? [v?.ToString() ?? ""]))
            build.Redactor.Add(secret);

        if (build.IsLocalBuild && SchemaWriter.Write(build.RootDirectory / ".nuke" / "build.schema.json", targets, parameters))
            log.Information("Regenerated .nuke/build.schema.json (targets or parameters changed)");
        build.AllTargets = targets;
        build.OnBuildInitialized();
        if (arguments.Find("help") is { } help)
        {
            if (arguments.Targets.Count + help.Values.Count == 0)
                HelpPrinter.Help(output, build, targets, parameters);
            foreach (var target in arguments.Targets.Concat(help.Values).Select(name => TargetDiscovery.Named(targets, name, "Unknown target")).Distinct())
                HelpPrinter.Help(output, build, target, ExecutionPlanner.Plan(targets, [target]), parameters);
            return 0;
        }
        if (!arguments.Has("no-logo") && output.Mode == OutputMode.Terminal)
            output.Line($"{build.GetType().Name} · {build.RootDirectory}");
        if (arguments.Has("skip") && arguments.Targets.Count == 0)
            throw new UsageException($"--skip needs the target to run: ./build.sh <target> --skip [targets]. Name the target, even the default ({string.Join(", ", defaults)}).");

        var invoked = (arguments.Targets.Count > 0 ? arguments.Targets : defaults.ToList()).Select(name => TargetDiscovery.Named(targets, name, "Unknown target")).Distinct().ToList();
        var plan = ExecutionPlanner.Plan(targets, invoked);
        ExecutionPlanner.Skip(plan, invoked, arguments.Find("skip"), targets);
        (build.InvokedTargets, build.ExecutionPlan) = (invoked, plan);
        if (arguments.Has("plan"))
        {
            HelpPrinter.Plan(output, plan);
            return 0;
        }
        ExecutionPlanner.CheckRequirements(plan, parameters);
        using var cancellation = new CancellationTokenSource();
        using var signals = context.HandleSignals ? new SignalHandler(cancellation, log) : null;
        var started = DateTime.UtcNow;
        var succeeded = new TargetExecutor(build, output, log, cancellation).RunAsync(plan).GetAwaiter().GetResult();
        output.Summary(plan, DateTime.UtcNow - started, succeeded);
        foreach (var line in build.ClosingLines)
            output.Line(line);
        return cancellation.IsCancellationRequested ? Cancelled : succeeded ? 0 : Failed;
    }

    /// <summary>The folder holding <c>.nuke/</c>: <c>--root</c> when it has one, else the nearest above the working directory; null when none.</summary>
    static AbsolutePath? FindRoot(Arguments arguments, HostContext context)
    {
        IEnumerable<string> candidates = arguments.Find("root") is { } root
            ? [Path.GetFullPath(root.Values.FirstOrDefault() ?? ".", context.WorkingDirectory)]
            : new[] { context.WorkingDirectory, AppContext.BaseDirectory }.SelectMany(Ancestors);
        return candidates.FirstOrDefault(dir => Directory.Exists(Path.Combine(dir, ".nuke"))) is { } found ? (AbsolutePath)found : null;
    }

    static IEnumerable<string> Ancestors(string? dir) => dir is null ? [] : [dir, .. Ancestors(Path.GetDirectoryName(dir))];

    static string LogName(Type build, Arguments arguments, string[] defaults) =>
        arguments.Has("help") ? "help"
        : TargetDiscovery.Properties(build).Select(p => p.Name).FirstOrDefault(n => Names.Same(n, arguments.Targets.FirstOrDefault() ?? defaults.FirstOrDefault() ?? "")) ?? "build";
}

/// <summary>
/// What the host reads from and writes to: the console (its width in columns, 0 when unknown), the environment and the
/// working directory; <paramref name="HandleSignals"/> turns Ctrl-C and SIGTERM into cancellation of the run.
/// </summary>
internal sealed record HostContext(TextWriter Out, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory, bool IsTerminal = false, int Width = 0, bool HandleSignals = false)
{
    public static HostContext FromProcess() => new(
        Console.Out,
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""),
        Directory.GetCurrentDirectory(),
        IsTerminal: !Console.IsOutputRedirected,
        Width: Console.IsOutputRedirected ? 0 : Console.WindowWidth,
        HandleSignals: true);
}
