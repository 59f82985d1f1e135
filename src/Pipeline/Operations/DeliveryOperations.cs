using Pipeline.Data;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Pipeline.Health;
using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Scenarios;
using Serilog;

namespace Pipeline.Operations;

/// <summary>The targets that deliver to and check an environment of <paramref name="delivery"/>: deploy staging, copy production's data, health, scenarios.</summary>
public sealed class DeliveryOperations(PipelineContext run, DeliveryOptions delivery)
{
    private PipelineSettings Settings => run.Settings;

    /// <summary>Deploys the digests of <paramref name="releaseFile"/> to staging, recorded on GitHub, and waits until healthy.</summary>
    public async Task DeployStagingAsync(string releaseFile, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("staging", "deploy");
        var release = ReleaseManifest.Read(releaseFile).ReleaseOf(Service.DefaultName);
        var staging = await EnvironmentAsync(DeployEnvironment.Staging, log, cancellationToken);
        var request = DeploymentRequest.For(DeployEnvironment.Staging, release, delivery.UrlOf(DeployEnvironment.Staging));
        await (await run.GitHubAsync(log, cancellationToken)).RecordAsync(request, async () =>
        {
            await staging.UpAsync(release, cancellationToken);
            await staging.WaitHealthyAsync(delivery.DeployTimeout, cancellationToken);
        });
        var status = await staging.StatusAsync(cancellationToken);
        run.Output.Print(w => status.Write(w));
        run.Output.Report("", $"{release.Version} on 127.0.0.1:{delivery.StagingPort}");
    }

    /// <summary>Copies production's data into staging, sanitized by the rules with <paramref name="salt"/> (null: the machine's); nothing when production has no data yet.</summary>
    public async Task SyncProductionDataAsync(string? salt, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("staging", "sync");
        var rules = SanitizationRules.Load(Settings.SanitizeRules);
        var production = await RunningAsync(DeployEnvironment.Production, log, cancellationToken);
        if (production is null)
        {
            log.Information("Production has no data yet (nothing is deployed there); nothing copied");
            run.Output.Report("", "production has no data yet; nothing copied");
            return;
        }
        var staging = await RunningAsync(DeployEnvironment.Staging, log, cancellationToken)
            ?? throw new OperationFailedException($"Staging has no running container to copy into: run {Commands.DeployStaging} first.");
        var report = await new DataSync(await run.DockerAsync(cancellationToken), log)
            .CopyAsync(production.Id, staging.Id, rules, salt ?? MachineSalt.ReadOrCreate(MachineSalt.DefaultPath), Settings.WorkDirectory, cancellationToken);
        log.Information("{Message}", report.Message);
        if (report.Sanitization is { } sanitized)
            run.Output.Print(sanitized.Describe());
        run.Output.Report("", report.Message);
    }

    /// <summary>Checks every service of <paramref name="environment"/>; throws naming the next command when it is not healthy.</summary>
    public async Task HealthCheckAsync(DeployEnvironment environment, bool verbose, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("health", "health-check");
        var report = await CheckHealthAsync(environment, log, cancellationToken);
        run.Output.Print(w => report.Write(w, verbose));
        if (!report.Healthy)
            throw new OperationFailedException($"{environment} is not healthy{Detail(report)}. See the table above; {environment.HealthCommand.With(Commands.Flags.Verbosity, "verbose")} shows more.");
    }

    /// <summary>Runs the scenarios of deploy/workflows against <paramref name="environment"/>; throws when one fails.</summary>
    public async Task ScenariosAsync(DeployEnvironment environment, bool smokeOnly, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("testing", "workflow-test");
        var report = await RunScenariosAsync(environment, smokeOnly, log, cancellationToken);
        if (!report.Passed)
            throw new OperationFailedException($"Workflow tests failed on {environment}: {report.Summary}. See the table above and {ScenarioReport.ArtifactPath(Settings.ArtifactsDirectory, environment.Name)}.");
    }

    /// <summary>Checks the health of <paramref name="environment"/>'s services.</summary>
    internal async Task<HealthReport> CheckHealthAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await new HealthChecker(await run.DockerAsync(cancellationToken), http, log).CheckAsync(delivery.Environment(environment, Settings.DeployDirectory), delivery.Health, cancellationToken);
    }

    /// <summary>Runs the scenarios against <paramref name="environment"/>, prints and writes the report.</summary>
    internal async Task<ScenarioReport> RunScenariosAsync(DeployEnvironment environment, bool smokeOnly, ILogger log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = delivery.UrlOf(environment), Timeout = TimeSpan.FromSeconds(30) };
        var scenarios = ScenarioLoader.LoadAll(Path.Combine(Settings.DeployDirectory, "workflows"));
        var options = new ScenarioRunOptions { SmokeOnly = smokeOnly, EnvironmentName = environment.Name };
        var report = await new ScenarioRunner(http, log, run.Masker).RunAsync(scenarios, options, cancellationToken);
        run.Output.Print(w => report.Write(w));
        report.WriteJson(ScenarioReport.ArtifactPath(Settings.ArtifactsDirectory, environment.Name));
        run.Output.Report("", report.Summary);
        return report;
    }

    /// <summary>The message of an unhealthy report, as a suffix.</summary>
    internal static string Detail(HealthReport report) => report.Message is null ? "" : ": " + report.Message;

    /// <summary>An environment on the run's engine.</summary>
    internal Task<ComposeEnvironment> EnvironmentAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken) =>
        run.EnvironmentAsync(delivery.Environment(environment, Settings.DeployDirectory), log, cancellationToken);

    private async Task<ContainerStatus?> RunningAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken) =>
        (await (await EnvironmentAsync(environment, log, cancellationToken)).StatusAsync(cancellationToken)).Containers.FirstOrDefault(c => c.IsRunning);
}
