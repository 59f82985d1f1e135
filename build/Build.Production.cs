using Pipeline;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Health;
using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Promotion;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Why this promotion happens; recorded in the rollback tag and the audit log")]
    readonly string Reason = "promotion";

    [Parameter("The git repository that holds the rollback tags (default: this checkout)")]
    readonly string? Repository;

    [Parameter("Prefix of the Compose projects, locks and backups (default: the image name)")]
    readonly string? EnvironmentPrefix;

    AuditLog AuditTrail => new(RootDirectory / "logs" / "deploy" / "audit.jsonl");
    string LockDirectory => RootDirectory / ".deploy" / "locks" / (EnvironmentPrefix ?? ImageName);
    string RollbackRepository => Repository is { Length: > 0 } r ? Path.GetFullPath(r, RootDirectory) : RootDirectory;

    async Task<(ProductionSite Site, ComposeSteps Steps)> ProductionSiteAsync(ILogger log, CancellationToken ct)
    {
        var production = await EnvironmentAsync(DeployEnvironment.Production, log, ct);
        var steps = new ComposeSteps(production, await Run.DockerAsync(ct), Run.RollbackPoints(log), new BackupStore(RootDirectory / "backups" / production.Settings.ProjectName), log)
        {
            DeployTimeout = DeployTimeout,
            HealthPath = HealthPath,
            DataService = AppService.Name,
            Verify = token => VerifyProductionAsync(log, token),
        };
        var site = new ProductionSite(DeployEnvironment.Production, steps, LockDirectory, AuditTrail)
        {
            DeployTimeout = DeployTimeout,
            GitHub = await Run.GitHubAsync(log, ct),
            Url = UrlOf(DeployEnvironment.Production),
        };
        return (site, steps);
    }

    async Task<Verdict> VerifyProductionAsync(ILogger log, CancellationToken ct)
    {
        using var http = new HttpClient();
        var health = await new HealthChecker(await Run.DockerAsync(ct), http, log).CheckAsync(Settings(DeployEnvironment.Production), HealthSettings, ct);
        Print(w => health.Write(w, verbose: false));
        if (!health.Healthy)
            return Verdict.Fail($"production is not healthy{(health.Message is null ? "" : ": " + health.Message)}");
        var smoke = await RunWorkflowsAsync(DeployEnvironment.Production, smokeOnly: true, log, ct);
        return smoke.Passed ? Verdict.Pass : Verdict.Fail($"smoke workflow tests failed: {smoke.Summary}");
    }

    Target PromoteToProduction => _ => _
        .Description("Promote what staging tested: lock, backup, rollback tag, deploy by digest, verify; roll back by itself on failure")
        .DependsOn(BuildImages, ValidateProduction, PushImages, DeployStaging, SyncProductionData, HealthCheck, WorkflowTests)
        .Triggers(ReleaseDeployLock)
        .Requires(() => GitHubParametersValid, GitHubRequirement)
        .Executes(async ct =>
        {
            using var log = AreaLog("deploy", "promote");
            var release = ReleaseManifest.Read(ReleaseFile).ReleaseOf(AppService.Name);
            var outcome = await new Promoter((await ProductionSiteAsync(log, ct)).Site, log).PromoteAsync(release, Reason, ct);
            if (!outcome.Succeeded)
                throw new BuildException(outcome.Describe());
            ReportSummary("", $"{release.Version} on 127.0.0.1:{ProductionPort}" + (outcome.RollbackTag is null ? " (first promotion)" : $"; back: {outcome.RollbackTag}"));
        });

    Target ReleaseDeployLock => _ => _
        .Unlisted()
        .Description("Release production's deploy lock if this run still holds it (after a failure or Ctrl-C)")
        .AssuredAfterFailure()
        .Executes(() =>
        {
            if (DeployLock.Read(LockDirectory, DeployEnvironment.Production.Name) is { } held && held.Pid == Environment.ProcessId)
                DeployLock.ForceRelease(LockDirectory, DeployEnvironment.Production.Name, Log.Logger);
        });

    Target Audit => _ => _
        .Description("Print the last --count entries of the deploy audit log (logs/deploy/audit.jsonl)")
        .Executes(() =>
        {
            Print(w => AuditLog.Write(w, AuditTrail.ReadLast(Count)));
        });

    [Parameter("How many audit entries to show")]
    readonly int Count = 20;

    Target Unlock => _ => _
        .Description("Remove the deploy lock of --environment left by a process that is gone")
        .Executes(() =>
        {
            var environment = Typed(TargetEnvironment);
            var removed = DeployLock.ForceRelease(LockDirectory, environment.Name, Log.Logger);
            ReportSummary("", removed ? "lock removed" : "there was no lock");
            if (removed)
                AuditTrail.Append(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Unlock, environment.Name, AuditOutcome.Succeeded).By(DeployUser.Current()));
        });
}
