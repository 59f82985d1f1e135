using System.Linq.Expressions;

namespace Targets.Tests.Fixtures;

/// <summary>The outcome of an in-process run.</summary>
public sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<string> Ran, TestBuild? Build)
{
    public IReadOnlyList<ExecutableTarget> Plan => Build?.ExecutionPlan ?? [];

    public IReadOnlyList<string> Planned => [.. Plan.Select(t => t.Name)];

    public ExecutableTarget Target(string name) => Plan.Single(t => t.Name == name);

    public T As<T>() where T : TestBuild => Assert.IsType<T>(Build);

    public override string ToString() => $"exit {ExitCode}, ran [{string.Join(", ", Ran)}]\n{Output}";
}

/// <summary>Runs a build in-process with a controlled environment, a <see cref="StringWriter"/> console and the temp root as working directory.</summary>
public static class BuildRunner
{
    public static BuildResult Run<T>(this TempRoot root, string[] args, Dictionary<string, string>? environment = null, params Expression<Func<T, Target>>[] defaults)
        where T : TestBuild, new() => root.Run(args, environment, terminal: false, defaults);

    /// <summary>Runs as if the console were an interactive terminal (colors allowed).</summary>
    public static BuildResult RunInTerminal<T>(this TempRoot root, string[] args, Dictionary<string, string> environment) where T : TestBuild, new() =>
        root.Run<T>(args, environment, terminal: true, []);

    static BuildResult Run<T>(this TempRoot root, string[] args, Dictionary<string, string>? environment, bool terminal, Expression<Func<T, Target>>[] defaults)
        where T : TestBuild, new()
    {
        var output = new StringWriter();
        var context = new HostContext(output, new Dictionary<string, string>(environment ?? []), root.Path) { IsTerminal = terminal };
        TestBuild.TakeLast();
        var exitCode = BuildHost.Run(args, context, defaults);
        var journal = TestBuild.Journal(root.Path);
        var ran = File.Exists(journal) ? File.ReadAllLines(journal) : [];
        return new BuildResult(exitCode, output.ToString(), ran, TestBuild.TakeLast());
    }

    public static BuildResult Run<T>(this TempRoot root, params string[] args) where T : TestBuild, new() => root.Run<T>(args, null);

    /// <summary>Index of <paramref name="name"/> in the run order; fails when it did not run.</summary>
    public static int IndexOf(this BuildResult result, string name)
    {
        var index = result.Ran.ToList().IndexOf(name);
        Assert.True(index >= 0, $"{name} did not run: {result}");
        return index;
    }
}
