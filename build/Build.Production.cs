using Pipeline;
using Pipeline.Delivery;
using Pipeline.Operations;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Why this promotion happens; recorded in the rollback tag and the audit log")] readonly string Reason = "promotion";

    [Parameter("The git repository that holds the rollback tags (default: this checkout)")] readonly string? Repository;

    [Parameter("Prefix of the Compose projects, locks and backups (default: the image name)")] readonly string? EnvironmentPrefix;

    AbsolutePath ReleaseFile => RootDirectory / ReleaseManifestFile;

    LockOperations Locks => new(DeliveryOptions.LockDirectoryOf(RootDirectory, EnvironmentPrefix ?? ImageName), PipelineSettings.AuditTrailOf(RootDirectory), this, Log.Logger);

    Target PromoteToProduction => _ => _
        .Description("Promote what staging tested: lock, backup, rollback tag, deploy by digest, verify; roll back by itself on failure")
        .DependsOn(BuildImages, ValidateProduction, PushImages, DeployStaging, SyncProductionData, HealthCheck, WorkflowTests)
        .Triggers(ReleaseDeployLock)
        .Requires(() => GitHubParametersValid, GitHubRequirement)
        .Executes(ct => Production.PromoteAsync(ReleaseFile, Reason, ct));

    Target ReleaseDeployLock => _ => _
        .Unlisted()
        .Description("Release production's deploy lock if this run still holds it (after a failure or Ctrl-C)")
        .AssuredAfterFailure()
        .Executes(() => Locks.ReleaseOwn());

    Target Audit => _ => _
        .Description("Print the last --count entries of the deploy audit log (logs/deploy/audit.jsonl)")
        .Executes(() => Print(w => AuditLog.Write(w, PipelineSettings.AuditTrailOf(RootDirectory).ReadLast(Count))));

    [Parameter("How many audit entries to show")] readonly int Count = 20;

    [Parameter("Maintenance: turn it on")] readonly bool On;

    [Parameter("Maintenance: turn it off")] readonly bool Off;

    [Parameter("Maintenance: what clients read while it is on (one line)")] readonly string? Message;

    Target Maintenance => _ => _
        .Description("Answer every request of --environment with 503 and Retry-After (--on [--message]), or serve again (--off)")
        .Executes(ct => new MaintenanceOperations(Run, Delivery).SetAsync(Typed(TargetEnvironment), On, Off, Message, ct));

    Target Unlock => _ => _
        .Description("Remove the deploy lock of --environment left by a process that is gone")
        .Executes(() => Locks.Unlock(Typed(TargetEnvironment)));
}
