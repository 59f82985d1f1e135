using System.Linq.Expressions;
using Serilog;

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

    /// <summary>Runs the build of type <typeparamref name="T"/> and returns the exit code.</summary>
    public static int Run<T>(IReadOnlyList<string> args, HostContext context, params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        var arguments = Arguments.Parse(args);
        var build = new T();
        var defaults = defaultTargets.Select(e => ((MemberExpression)e.Body).Member.Name).ToArray();
        var redactor = build.Redactor;
        redactor.AddFromEnvironment(context.Environment);
        var mode = OutputModes.Detect(context.Environment, context.IsTerminal);
        var root = HostStartup.FindRoot(arguments, context);
        var verbosity = HostStartup.ParseVerbosity(arguments);
        var logFile = root is null ? null : Path.Combine(root, "logs", "build", $"{HostStartup.LogName<T>(arguments, defaults)}-{DateTime.Now:yyyyMMdd}.log");
        using var logger = BuildLogging.Create(mode, context.Out, context.UseSystemConsole && mode == OutputMode.Terminal, HostStartup.Level(verbosity ?? Verbosity.Normal), logFile, redactor);
        Log.Logger = logger;
        var output = new BuildOutput(mode, context.Out, logger, redactor);
        try
        {
            if (verbosity is null)
                throw new UsageException($"Unknown verbosity '{string.Join(" ", arguments.Find("verbosity")!.Values)}'. Use quiet, minimal, normal or verbose.");
            if (root is null)
                throw new UsageException($"No .nuke folder found above {context.WorkingDirectory}. Run from inside the repository or pass --root <path>.");
            build.RootDirectory = root;
            build.Verbosity = verbosity.Value;
            build.OutputMode = mode;
            build.Output = output;
            build.IsServerBuild = HostStartup.IsTrue(context.Environment, "CI") || HostStartup.IsTrue(context.Environment, "GITHUB_ACTIONS");
            return Run(build, arguments, defaults, context, output, logger);
        }
        catch (UsageException e)
        {
            logger.Error("{Message:l}", e.Message);
            return BadInput;
        }
        catch (BuildException e)
        {
            logger.Error("{Message:l}", e.Message);
            return Failed;
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
        var profiles = arguments.Find("profile")?.Values ?? [];
        new ParameterResolver(context.Environment, build.RootDirectory / ".nuke").Resolve(build, parameters, arguments, profiles);
        foreach (var secret in parameters.Where(p => p.IsSecret).Select(p => p.GetValue(build)))
        {
            foreach (var value in secret is string[] many ? many : [secret?.ToString() ?? ""])
                build.Redactor.Add(value);
        }

        if (build.IsLocalBuild && SchemaWriter.Write(build.RootDirectory / ".nuke" / "build.schema.json", targets, parameters))
            log.Information("Regenerated .nuke/build.schema.json (targets or parameters changed)");
        build.AllTargets = targets;
        build.OnBuildInitialized();
        if (!arguments.Has("no-logo") && !arguments.Has("help") && output.Mode == OutputMode.Terminal)
            output.Line($"{build.GetType().Name} · {build.RootDirectory}");
        if (arguments.Has("help"))
        {
            HelpPrinter.Help(output, build, targets, parameters);
            return 0;
        }

        var invoked = Invoked(targets, arguments.Targets.Count > 0 ? arguments.Targets : defaults);
        build.InvokedTargets = invoked;
        var plan = ExecutionPlanner.Plan(targets, invoked);
        Skipping.Apply(plan, invoked, arguments.Find("skip"), targets);
        build.ExecutionPlan = plan;
        if (arguments.Has("plan"))
        {
            HelpPrinter.Plan(output, plan);
            return 0;
        }
        Requirements.Check(plan, parameters);
        return Execute(build, plan, context, output, log);
    }

    static int Execute(NukeBuild build, IReadOnlyList<ExecutableTarget> plan, HostContext context, BuildOutput output, ILogger log)
    {
        using var cancellation = new CancellationTokenSource();
        using var signals = context.HandleSignals ? new SignalHandler(cancellation, log) : null;
        var started = DateTime.UtcNow;
        var succeeded = new TargetExecutor(build, output, log, cancellation).RunAsync(plan).GetAwaiter().GetResult();
        output.Summary(plan, DateTime.UtcNow - started, succeeded);
        foreach (var line in build.ClosingLines)
            output.Line(line);
        return cancellation.IsCancellationRequested ? Cancelled : succeeded ? 0 : Failed;
    }

    static string Suggest(string name, IReadOnlyList<ExecutableTarget> targets) =>
        Names.Hint(name, targets.Select(t => t.Name)) is { Length: > 0 } hint ? hint
            : $" Targets: {string.Join(", ", targets.Where(t => t.IsListed).Select(t => t.Name))}.";

    static List<ExecutableTarget> Invoked(IReadOnlyList<ExecutableTarget> targets, IEnumerable<string> names) =>
        names.Select(name => targets.FirstOrDefault(t => Names.Normalize(t.Name) == Names.Normalize(name))
            ?? throw new UsageException($"Unknown target '{name}'.{Suggest(name, targets)} Run './build.sh --help' for what each does."))
            .Distinct().ToList();
}
