using System.Diagnostics;
using Serilog;

namespace Pipeline.Workflows;

/// <summary>
/// Runs workflow scenarios against a service (the client's base address, e.g. <c>http://127.0.0.1:8080</c>). A failing step
/// stops its scenario, later steps are reported as not run, and the other scenarios still run.
/// </summary>
public sealed class WorkflowRunner(HttpClient http, ILogger log)
{
    /// <summary>Runs the scenarios (only the smoke ones when <see cref="WorkflowRunOptions.SmokeOnly"/>) one after another.</summary>
    public async Task<WorkflowReport> RunAsync(IReadOnlyList<Workflow> workflows, WorkflowRunOptions options, CancellationToken cancellationToken)
    {
        var address = http.BaseAddress
            ?? throw new WorkflowException("The HttpClient given to WorkflowRunner has no BaseAddress: set it to the service's address, e.g. http://127.0.0.1:8080.");
        IReadOnlyList<Workflow> selected = options.SmokeOnly ? [.. workflows.Where(w => w.Smoke)] : workflows;
        if (selected.Count == 0)
            throw new WorkflowException(options.SmokeOnly
                ? $"None of the {workflows.Count} scenarios is marked \"smoke\": true, so the smoke run would check nothing: mark the scenarios the post-deploy verification should run."
                : "There are no scenarios to run: add *.json files to deploy/workflows.");
        var environment = options.Variables();
        var mask = SecretMask.FromEnvironment(environment);
        var unique = options.NewUnique();
        var steps = new StepRunner(http, options);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        log.Information("Running {Count} workflow scenario(s) against {Address:l} ({Environment:l})", selected.Count, address, options.EnvironmentName);
        var results = new List<ScenarioResult>();
        foreach (var workflow in selected)
            results.Add(await RunScenarioAsync(workflow, new WorkflowVariables(unique, environment, mask), steps, mask, cancellationToken));
        var report = new WorkflowReport(options.EnvironmentName, address.ToString().TrimEnd('/'), started, clock.Elapsed,
            [.. results.Select(r => r with { Steps = [.. r.Steps.Select(s => s.Redacted(mask))] })]);
        log.Write(report.Passed ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Error, "{Summary:l}", report.Summary);
        return report;
    }

    async Task<ScenarioResult> RunScenarioAsync(Workflow workflow, WorkflowVariables variables, StepRunner steps, SecretMask mask, CancellationToken ct)
    {
        log.Information("Scenario {Scenario:l} ({Source:l})", workflow.Name, Path.GetFileName(workflow.Source));
        var results = new List<StepResult>();
        foreach (var step in workflow.Steps)
        {
            if (results.Any(r => r.Status != WorkflowStatus.Passed))
            {
                results.Add(new StepResult(step.Name, WorkflowStatus.NotRun, TimeSpan.Zero));
                log.Information("  {Step:l}: not run", step.Name);
                continue;
            }
            var result = (await steps.RunAsync(step, variables, ct)).Redacted(mask);
            results.Add(result);
            if (result.Status == WorkflowStatus.Passed)
                log.Information("  {Step:l}: passed in {Duration} ms ({Request:l} -> {Status})", step.Name, result.DurationMs, result.Request, result.ResponseStatus);
            else
                log.Error("  {Step:l}: failed in {Duration} ms: {Detail:l}", step.Name, result.DurationMs, result.Detail);
        }
        return new ScenarioResult(workflow.Name, workflow.Source, workflow.Smoke, results);
    }
}
