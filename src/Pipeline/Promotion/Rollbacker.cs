using Pipeline.Delivery;
using Pipeline.GitHub.Deployments;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Promotion;

/// <summary>
/// Redeploys exactly the digests of a rollback point (no rebuild, no gates), verifies health, and optionally restores the
/// point's backup after checking its sha256. Every rollback is a new audit entry; history is never rewritten.
/// </summary>
public sealed class Rollbacker(ProductionSite site, ILogger log)
{
    /// <summary>
    /// Rolls back to <paramref name="point"/>; <paramref name="emergency"/> skips the smoke scenarios. A point that cannot be used
    /// throws <see cref="PromotionFailedException"/> before anything changes; a failed redeploy is an outcome.
    /// </summary>
    public async Task<RollbackOutcome> RollbackAsync(RollbackPoint point, bool restoreData, bool emergency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(point);
        var manifest = point.Manifest ?? throw new PromotionFailedException($"Rollback point {point.Tag} cannot be used: {point.Problem}. Pick another with {Commands.Rollback.With(Commands.Flags.List)}.");
        var backup = restoreData ? CheckBackup(point, manifest) : null;
        var user = DeployUser.Current();
        await using var held = await DeployLock.AcquireAsync(site.Target, site.LockName, LockOwner.Current(manifest.Version), log, ct);
        var previous = (await site.Steps.RunningAsync(ct))?.Version;
        var release = new Release(manifest.Version, manifest.Commit, manifest.Images);
        // Recorded alongside the redeploy, not before it: GitHub never delays a rollback.
        var github = site.GitHub.StartAsync(DeploymentRequest.For(site.Environment, release, site.Url) with { RollbackTag = point.Tag, IsRollback = true });
        Verdict verdict;
        try
        {
            log.Information("{Mode}: deploying {Version} ({Images}) to {Environment}", emergency ? "Emergency" : "Rollback", release.Version, release.Describe(), site.Environment);
            verdict = emergency ? await site.Steps.DeployAndAnswerAsync(release, ct) : await DeployAndVerifyAsync(release, ct);
            if (verdict.Passed && backup is not null)
                verdict = await site.Steps.RestoreAsync(backup, ct);
        }
        catch (Exception e)
        {
            await (await github).CompleteAsync(DeploymentOutcome.Error, e is OperationCanceledException ? "cancelled (Ctrl-C or SIGTERM)" : e.Message);
            throw;
        }
        var outcome = new RollbackOutcome(point, release, previous, emergency, verdict.Passed && backup is not null) { Failure = verdict.Problem };
        await AuditAsync(outcome, manifest, backup, user);
        await (await github).CompleteAsync(outcome.Succeeded ? DeploymentOutcome.Success : DeploymentOutcome.Failure,
            outcome.Failure ?? $"{(emergency ? "emergency rollback" : "rollback")} to {point.Tag}{(backup is null ? "" : ", data restored")}");
        return outcome;
    }

    private async Task<Verdict> DeployAndVerifyAsync(Release release, CancellationToken ct)
    {
        var deployed = await site.Steps.DeployAsync(release, ct);
        return deployed.Passed ? await site.Steps.VerifyAsync(ct) : deployed;
    }

    private string CheckBackup(RollbackPoint point, RollbackManifest manifest)
    {
        var id = manifest.BackupId
            ?? throw new PromotionFailedException($"Rollback point {point.Tag} has no backup (it was the first promotion's); roll back without {Commands.Flags.RestoreData}.");
        site.Steps.CheckBackup(id);
        return id;
    }

    private Task<bool> AuditAsync(RollbackOutcome outcome, RollbackManifest manifest, string? backup, DeployUser user) =>
        site.Audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Rollback, site.Environment.Name, outcome.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed)
        {
            Version = outcome.Release.Version,
            PreviousVersion = outcome.PreviousVersion,
            Commit = manifest.Commit,
            Digests = manifest.Images,
            RollbackTag = outcome.Point.Tag,
            BackupId = backup,
            Message = (outcome.Emergency ? "emergency rollback" : "rollback") + (backup is null ? "" : ", data restored") + (outcome.Failure is null ? "" : ": " + outcome.Failure),
        }.By(user), CancellationToken.None);
}
