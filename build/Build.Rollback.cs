using Targets;

partial class Build
{
    [Parameter("Rollback point to restore, e.g. rollback-20261123-143000")] readonly string? Tag;

    [Parameter("List the rollback points, newest first")] readonly bool List;

    [Parameter("Roll back to the newest rollback point at once: no gates, no workflow tests")] readonly bool Emergency;

    [Parameter("With --tag or --emergency: also restore the point's data backup (sha256 checked first)")] readonly bool RestoreData;

    Target Rollback => _ => _
        .Description("Rollback --list | --tag T [--restore-data] | --emergency: redeploy a rollback point's exact digests")
        .DependsOn(Setup)
        .Requires(() => Tag != null || List || Emergency)
        .Requires(() => GitHubParametersValid, GitHubRequirement)
        .Triggers(ReleaseDeployLock)
        .Executes(ct => Production.RollbackAsync(Tag, List, RestoreData, Emergency, ct));
}
