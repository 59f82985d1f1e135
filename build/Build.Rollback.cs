using Pipeline;
using Pipeline.Delivery;
using Pipeline.Promotion;
using Targets;

partial class Build
{
    [Parameter("Rollback point to restore, e.g. rollback-20261123-143000")]
    readonly string? Tag;

    [Parameter("List the rollback points, newest first")]
    readonly bool List;

    [Parameter("Roll back to the newest rollback point at once: no gates, no workflow tests")]
    readonly bool Emergency;

    [Parameter("With --tag or --emergency: also restore the point's data backup (sha256 checked first)")]
    readonly bool RestoreData;

    Target Rollback => _ => _
        .Description("Rollback --list | --tag T [--restore-data] | --emergency: redeploy a rollback point's exact digests")
        .DependsOn(Setup)
        .Requires(() => Tag != null || List || Emergency)
        .Requires(() => GitHubParametersValid, GitHubRequirement)
        .Triggers(ReleaseDeployLock)
        .Executes(async ct =>
        {
            using var log = AreaLog("deploy", "rollback");
            var points = Run.RollbackPoints(log);
            var (site, steps) = await ProductionSiteAsync(log, ct);
            if (List)
            {
                var all = await points.ListAsync(ct);
                Print(w => RollbackPoints.Write(w, all, id => steps.Backups.List().Any(b => b.Id == id)));
                return;
            }
            var point = Tag is { Length: > 0 } tag ? await points.FindAsync(tag, ct)
                : (await points.ListAsync(ct)).FirstOrDefault(p => p.IsValid)
                  ?? throw new BuildException("There is no rollback point yet: the first promotion leaves none. Nothing was changed.");
            var outcome = await new Rollbacker(site, log).RollbackAsync(point, RestoreData, Emergency, ct);
            if (!outcome.Succeeded)
                throw new BuildException(outcome.Describe());
            ReportSummary("", outcome.Describe());
        });
}
