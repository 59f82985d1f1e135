using Targets;

partial class Build
{
    [Parameter("Salt that makes sanitized fakes deterministic; default: a random one kept per machine outside the checkout"), Secret] readonly string? SanitizeSalt;

    [Parameter("Run only the workflow scenarios marked as smoke")] readonly bool Smoke;

    Target DeployStaging => _ => _
        .Description("Deploy the pushed digests (artifacts/release.json) to staging and wait until healthy")
        .DependsOn(Setup)
        .After(PushImages)
        .Requires(() => GitHubParametersValid, GitHubRequirement)
        .Executes(ct => Deliveries.DeployStagingAsync(ReleaseFile, ct));

    Target SyncProductionData => _ => _
        .Description("Copy production's data into staging, sanitized by deploy/sanitize.json (same value, same fake)")
        .DependsOn(DeployStaging)
        .Executes(ct => Deliveries.SyncProductionDataAsync(SanitizeSalt, ct));

    Target WorkflowTests => _ => _
        .Description("Run the end-to-end scenarios in deploy/workflows against --environment; report in artifacts/")
        .DependsOn(Setup)
        .After(HealthCheck, SyncProductionData)
        .Produces("artifacts/workflow-tests-*.json")
        .Executes(ct => Deliveries.ScenariosAsync(CheckedEnvironment, Smoke, ct));
}
