using System.Diagnostics;
using Pipeline.Output;
using Serilog;

namespace Pipeline.Scenarios;

/// <summary>
/// Runs scenarios against a service (the client's base address, e.g. <c>http://127.0.0.1:8080</c>). A failing step
/// stops its scenario, later steps are reported as not run, and the other scenarios still run.
/// </summary>
public sealed class ScenarioRunner(HttpClient http, ILogger log, ISecretMasker masker)
{
    /// <summary>Runs the scenarios (only the smoke ones when <see cref="ScenarioRunOptions.SmokeOnly"/>) one after another.</summary>
    public async Task<ScenarioReport> RunAsync(IReadOnlyList<Scenario> scenarios, ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var address = http.BaseAddress
            ?? throw new ScenarioException("The HttpClient given to ScenarioRunner has no BaseAddress: set it to the service's address, e.g. http://127.0.0.1:8080.");
        IReadOnlyList<Scenario> selected = options.SmokeOnly ? [.. scenarios.Where(w => w.Smoke)] : scenarios;
        if (selected.Count == 0)
            throw new ScenarioException(options.SmokeOnly
                ? $"None of the {scenarios.Count} scenarios is marked \"smoke\": true, so the smoke run would check nothing: mark the scenarios the post-deploy verification should run."
                : "There are no scenarios to run: add *.json files to deploy/workflows.");
        var environment = options.Variables();
        masker.LearnFromEnvironment(environment);
        var unique = options.NewUnique();
        var steps = new StepRunner(http, options);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        log.Information("Running {Count} workflow scenario(s) against {Address:l} ({Environment:l})", selected.Count, address, options.EnvironmentName);
        var results = new List<ScenarioResult>();
        foreach (var scenario in selected)
            results.Add(await RunScenarioAsync(scenario, new ScenarioVariables(unique, environment, masker), steps, cancellationToken));
        var report = new ScenarioReport(options.EnvironmentName, address.ToString().TrimEnd('/'), started, clock.Elapsed,
            [.. results.Select(r => r with { Steps = [.. r.Steps.Select(s => s.Redacted(masker))] })]);
        log.Write(report.Passed ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Error, "{Summary:l}", report.Summary);
        return report;
    }

    async Task<ScenarioResult> RunScenarioAsync(Scenario scenario, ScenarioVariables variables, StepRunner steps, CancellationToken ct)
    {
        log.Information("Scenario {Scenario:l} ({Source:l})", scenario.Name, Path.GetFileName(scenario.Source));
        var results = new List<StepResult>();
        foreach (var step in scenario.Steps)
        {
            if (results.Any(r => r.Status != ScenarioStatus.Passed))
            {
                results.Add(new StepResult(step.Name, ScenarioStatus.NotRun, TimeSpan.Zero));
                log.Information("  {Step:l}: not run", step.Name);
                continue;
            }
            var result = (await steps.RunAsync(step, variables, ct)).Redacted(masker);
            results.Add(result);
            if (result.Status == ScenarioStatus.Passed)
                log.Information("  {Step:l}: passed in {Duration} ms ({Request:l} -> {Status})", step.Name, result.DurationMs, result.Request, result.ResponseStatus);
            else
                log.Error("  {Step:l}: failed in {Duration} ms: {Detail:l}", step.Name, result.DurationMs, result.Detail);
        }
        return new ScenarioResult(scenario.Name, scenario.Source, scenario.Smoke, results);
    }
}
