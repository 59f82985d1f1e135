using System.Linq.Expressions;
using System.Reflection;
using Serilog;
using Serilog.Events;

namespace Targets;

/// <summary>Runs a build: arguments, parameters, plan, execution, summary. Exit codes: 0 success, 1 failure, 2 bad input, 130 cancelled.</summary>
public static class BuildHost
{
    /// <summary>Exit code when a target failed.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a bad command line or parameters file: nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code after Ctrl-C or SIGTERM.</summary>
    public const int Cancelled = 130;

    static readonly string[] CiVariables = ["CI", "GITHUB_ACTIONS"];

    /// <summary>Runs the build of type <typeparamref name="T"/> and returns the exit code.</summary>
    public static int Run<T>(IReadOnlyList<string> args, HostContext context, params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        var arguments = Arguments.Parse(args);
        var build = new T();
        var defaults = defaultTargets.Select(e => ((MemberExpression)e.Body).Member.Name).ToArray();
        build.Redactor.AddFromEnvironment(context.Environment);
        var mode = OutputModes.Detect(context.Environment, context.IsTerminal);
        var root = FindRoot(arguments, context);
        var verbosity = arguments.Find("verbosity") is { } given
            ? Enum.GetValues<Verbosity>().Cast<Verbosity?>().FirstOrDefault(v => v.ToString()!.Equals(given.Values.FirstOrDefault(), StringComparison.OrdinalIgnoreCase))
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
            (build.RootDirectory, build.Verbosity, build.OutputMode, build.Output) = (root, verbosity.Value, mode, output);
            build.IsServerBuild = CiVariables.Any(v => context.Environment.GetValueOrDefault(v) is { } set && (set == "1" || set.Equals("true", StringComparison.OrdinalIgnoreCase)));
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
        var targets = TargetDiscovery.Discover(build);
        ExecutionPlanner.CheckForCycles(targets);
        foreach (var t in targets)
            t.IsDefault = defaults.Contains(t.Name);
        var parameters = ParameterMember.Discover(build.GetType());
        arguments.ClaimTargets(targets, parameters);
        if (arguments.Find("completion") is { } shell)
        {
            context.Out.Write(shell.Values is ["bash"] ? Completion.Bash(targets, parameters)
                : throw new UsageException($"--completion supports bash only, e.g. source <(./build.sh --completion bash); got '{string.Join(" ", shell.Values)}'."));
            return 0;
        }
        new ParameterResolver(context.Environment, build.RootDirectory / ".nuke").Resolve(build, parameters, arguments, arguments.Find("profile")?.Values ?? []);
        foreach (var secret in parameters.Where(p => p.IsSecret).Select(p => p.GetValue(build)))
        {
            foreach (var value in secret is string[] many ? many : [secret?.ToString() ?? ""])
                build.Redactor.Add(value);
        }

        if (build.IsLocalBuild && SchemaWriter.Write(build.RootDirectory / ".nuke" / "build.schema.json", targets, parameters))
            log.Information("Regenerated .nuke/build.schema.json (targets or parameters changed)");
        build.AllTargets = targets;
        build.OnBuildInitialized();
        if (arguments.Find("help") is { } help)
        {
            if (arguments.Targets.Count + help.Values.Count == 0)
                HelpPrinter.Help(output, build, targets, parameters);
            foreach (var target in Invoked(targets, arguments.Targets.Concat(help.Values)))
                HelpPrinter.Help(output, build, target, ExecutionPlanner.Plan(targets, [target]), parameters);
            return 0;
        }
        if (!arguments.Has("no-logo") && output.Mode == OutputMode.Terminal)
            output.Line($"{build.GetType().Name} · {build.RootDirectory}");
        if (arguments.Has("skip") && arguments.Targets.Count == 0)
            throw new UsageException($"--skip needs the target to run: ./build.sh <target> --skip [targets]. Name the target, even the default ({string.Join(", ", defaults)}).");

        var invoked = Invoked(targets, arguments.Targets.Count > 0 ? arguments.Targets : defaults);
        var plan = ExecutionPlanner.Plan(targets, invoked);
        Skipping.Apply(plan, invoked, arguments.Find("skip"), targets);
        (build.InvokedTargets, build.ExecutionPlan) = (invoked, plan);
        if (arguments.Has("plan"))
        {
            HelpPrinter.Plan(output, plan);
            return 0;
        }
        Requirements.Check(plan, parameters);
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
        if (arguments.Find("root") is { } root)
        {
            var given = Path.GetFullPath(root.Values.FirstOrDefault() ?? ".", context.WorkingDirectory);
            return Directory.Exists(Path.Combine(given, ".nuke")) ? (AbsolutePath)given : null;
        }
        foreach (var start in new[] { context.WorkingDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                    return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The log file's name: the first target (as declared), or "help".</summary>
    static string LogName(Type build, Arguments arguments, string[] defaults)
    {
        var first = arguments.Has("help") ? "help" : arguments.Targets.FirstOrDefault() ?? defaults.FirstOrDefault() ?? "build";
        return build.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Where(p => p.PropertyType == typeof(Target))
            .Select(p => p.Name).FirstOrDefault(n => Names.Normalize(n) == Names.Normalize(first)) ?? (first == "help" ? "help" : "build");
    }

    /// <summary>A "did you mean" from the listed targets only (hidden ones are never suggested), else the list of them.</summary>
    internal static string Suggest(string name, IReadOnlyList<ExecutableTarget> targets)
    {
        var listed = targets.Where(t => t.IsListed).Select(t => t.Name).ToList();
        return Names.Hint(name, listed) is { Length: > 0 } hint ? hint : $" Targets: {string.Join(", ", listed)}.";
    }

    static List<ExecutableTarget> Invoked(IReadOnlyList<ExecutableTarget> targets, IEnumerable<string> names) =>
        names.Select(name => targets.FirstOrDefault(t => Names.Normalize(t.Name) == Names.Normalize(name))
            ?? throw new UsageException($"Unknown target '{name}'.{Suggest(name, targets)} Run './build.sh --help' for what each does."))
            .Distinct().ToList();
}
