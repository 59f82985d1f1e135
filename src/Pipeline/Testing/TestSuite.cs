using Pipeline.Tools;
using Serilog;

namespace Pipeline.Testing;

/// <summary>Runs every test project under <c>tests/</c> with <c>dotnet test</c> and adds up the .trx results.</summary>
public sealed record TestSuite(string RootDirectory, string ResultsDirectory)
{
    /// <summary>A <c>dotnet test --filter</c> expression, or null for all tests.</summary>
    public string? Filter { get; init; }

    /// <summary>The test projects, in a stable order.</summary>
    public IReadOnlyList<string> Projects() =>
        Directory.GetFiles(Path.Combine(RootDirectory, "tests"), "*.Tests.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Runs each project in turn and returns the totals; a project that fails to build or crashes counts as a failure.</summary>
    public async Task<TestTotals> RunAsync(ILogger log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ResultsDirectory);
        var totals = TestTotals.None;
        var dotnet = ExternalTool.Dotnet.In(RootDirectory).WithLog(log).WithEnvironment("UseSharedCompilation", "false");
        foreach (var project in Projects())
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var trx = Path.Combine(ResultsDirectory, name + ".trx");
            File.Delete(trx);
            log.Information("Testing {Project}", name);
            List<string> args = ["test", project, "--nologo", "--logger", $"trx;LogFileName={trx}", "--results-directory", ResultsDirectory];
            if (Filter is not null)
                args.AddRange(["--filter", Filter]);
            var result = await dotnet.RunAsync(args, cancellationToken);
            var projectTotals = File.Exists(trx) ? TestTotals.FromTrx(trx) : new TestTotals(0, 1, 0);
            if (!File.Exists(trx))
                log.Error("{Project} produced no results (exit code {Code}): it did not build or the test host crashed; see the output above", name, result.ExitCode);
            log.Information("{Project}: {Line}", name, projectTotals.Line);
            totals += projectTotals;
        }
        return totals;
    }
}
