using Pipeline.Data;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Scenarios;
using Targets;

partial class Build
{
    [Parameter("Salt that makes sanitized fakes deterministic; default: a random one kept per machine outside the checkout"), Secret]
    readonly string? SanitizeSalt;

    [Parameter("Run only the workflow scenarios marked as smoke")]
    readonly bool Smoke;

    AbsolutePath SanitizeRules => RootDirectory / "deploy" / "sanitize.json";

    Target DeployStaging => _ => _
        .Description("Deploy the pushed digests (artifacts/release.json) to staging and wait until healthy")
        .DependsOn(Setup)
        .After(PushImages)
        .Requires(() => GitHubParametersValid, GitHubRequirement)
        .Executes(async ct =>
        {
            using var log = AreaLog("staging", "deploy");
            var release = ReleaseManifest.Read(ReleaseFile).ReleaseOf(AppService.Name);
            var staging = await EnvironmentAsync(DeployEnvironment.Staging, log, ct);
            await (await Run.GitHubAsync(log, ct)).RecordAsync(DeploymentRequest.For(DeployEnvironment.Staging, release, UrlOf(DeployEnvironment.Staging)), async () =>
            {
                await staging.UpAsync(release, ct);
                await staging.WaitHealthyAsync(DeployTimeout, ct);
            });
            await PrintStatusAsync(staging, ct);
            ReportSummary("", $"{release.Version} on 127.0.0.1:{StagingPort}");
        });

    Target SyncProductionData => _ => _
        .Description("Copy production's data into staging, sanitized by deploy/sanitize.json (same value, same fake)")
        .DependsOn(DeployStaging)
        .Executes(async ct =>
        {
            using var log = AreaLog("staging", "sync");
            var rules = SanitizationRules.Load(SanitizeRules);
            var production = (await (await EnvironmentAsync(DeployEnvironment.Production, log, ct)).StatusAsync(ct)).Containers.FirstOrDefault(c => c.IsRunning);
            if (production is null)
            {
                log.Information("Production has no data yet (nothing is deployed there); nothing copied");
                ReportSummary("", "production has no data yet; nothing copied");
                return;
            }
            var staging = (await (await EnvironmentAsync(DeployEnvironment.Staging, log, ct)).StatusAsync(ct)).Containers.First(c => c.IsRunning);
            var salt = SanitizeSalt ?? MachineSalt.ReadOrCreate(MachineSalt.DefaultPath);
            var report = await new DataSync(await Run.DockerAsync(ct), log).CopyAsync(production.Id, staging.Id, rules, salt, RootDirectory / ".deploy" / "work", ct);
            log.Information("{Message}", report.Message);
            if (report.Sanitization is { } sanitized)
                Print(sanitized.Describe());
            ReportSummary("", report.Message);
        });

    Target WorkflowTests => _ => _
        .Description("Run the end-to-end scenarios in deploy/workflows against --environment; report in artifacts/")
        .DependsOn(Setup)
        .After(HealthCheck, SyncProductionData)
        .Produces("artifacts/workflow-tests-*.json")
        .Executes(async ct =>
        {
            using var log = AreaLog("testing", "workflow-test");
            var environment = CheckedEnvironment;
            var report = await RunWorkflowsAsync(environment, Smoke, log, ct);
            if (!report.Passed)
                throw new BuildException($"Workflow tests failed on {environment}: {report.Summary}. See the table above and {ScenarioReport.ArtifactPath(RootDirectory / "artifacts", environment.Name)}.");
        });

    async Task<ScenarioReport> RunWorkflowsAsync(DeployEnvironment environment, bool smokeOnly, Serilog.ILogger log, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = UrlOf(environment), Timeout = TimeSpan.FromSeconds(30) };
        var workflows = ScenarioLoader.LoadAll(RootDirectory / "deploy" / "workflows");
        var report = await new ScenarioRunner(http, log, new HostMasker(Redactor)).RunAsync(workflows, new ScenarioRunOptions { SmokeOnly = smokeOnly, EnvironmentName = environment.Name }, ct);
        Print(w => report.Write(w));
        report.WriteJson(ScenarioReport.ArtifactPath(RootDirectory / "artifacts", environment.Name));
        ReportSummary("", report.Summary);
        return report;
    }

    async Task PrintStatusAsync(ComposeEnvironment environment, CancellationToken ct)
    {
        var status = await environment.StatusAsync(ct);
        Print(w => status.Write(w));
    }
}
