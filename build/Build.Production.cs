using Pipeline.Delivery;
using Pipeline.Operations;
using Targets;

partial class Build
{
    [Parameter("Why this promotion happens; recorded in the rollback tag and the audit log")] readonly string Reason = "promotion";

    [Parameter("The git repository that holds the rollback tags (default: this checkout)")] readonly string? Repository;

    [Parameter("Prefix of the Compose projects, locks and backups (default: the image name)")] readonly string? EnvironmentPrefix;

    AbsolutePath ReleaseFile => RootDirectory / ReleaseManifestFile;

    [Parameter("How long a deploy lock stays live without renewal; the running deployment renews it every quarter of this")] readonly TimeSpan LockLease = TargetState.DefaultLease;

    [Parameter("Unlock: remove the lock even though its lease is live (only when its holder cannot finish)")] readonly bool Force;

    [Parameter("Lock: show who holds the deploy lock of --environment")] readonly bool Status;

    LockOperations Locks => new(Run, Delivery);

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
        .Executes(ct => Locks.ReleaseOwnAsync(ct));

    Target Audit => _ => _
        .Description("Print the last --count entries of --environment's audit log on its engine; without --environment, this checkout's logs/deploy/audit.jsonl (every environment)")
        .Executes(ct => Locks.AuditAsync(EnvironmentParameter is { } name ? Typed(name) : null, Count, ct));

    [Parameter("How many audit entries to show")] readonly int Count = 20;

    [Parameter("Maintenance: turn it on")] readonly bool On;

    [Parameter("Maintenance: turn it off")] readonly bool Off;

    [Parameter("Maintenance: what clients read while it is on (one line)")] readonly string? Message;

    Target Maintenance => _ => _
        .Description("Answer every request of --environment with 503 and Retry-After (--on [--message]), or serve again (--off)")
        .Executes(ct => new MaintenanceOperations(Run, Delivery).SetAsync(Typed(TargetEnvironment), On, Off, Message, ct));

    Target Lock => _ => _
        .Description("With --status: who holds the deploy lock of --environment (holder, machine, pid, version, age, lease), from any machine")
        .Requires(() => Status)
        .Executes(ct => Locks.StatusAsync(Typed(TargetEnvironment), ct));

    Target Unlock => _ => _
        .Description("Remove the deploy lock of --environment once its lease has expired (its holder is gone); --force for a live one")
        .Executes(ct => Locks.UnlockAsync(Typed(TargetEnvironment), Force, ct));
}
