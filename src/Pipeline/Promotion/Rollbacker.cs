using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Serilog;

namespace Pipeline.Promotion;

/// <summary>
/// Redeploys exactly the digests of a rollback point (no rebuild, no gates), verifies health, and optionally restores the
/// point's backup after checking its sha256. Every rollback is a new audit entry; history is never rewritten.
/// </summary>
public sealed class Rollbacker(ProductionSite site, ILogger log)
{
    /// <summary>Rolls production back to <paramref name="point"/>. <paramref name="emergency"/> skips the smoke workflows.</summary>
    public async Task<DeployedRelease> RollbackAsync(RollbackPoint point, bool restoreData, bool emergency, CancellationToken ct)
    {
        var manifest = point.Manifest ?? throw new PromotionFailedException($"Rollback point {point.Tag} cannot be used: {point.Problem}. Pick another with ./build.sh Rollback --list.");
        var backup = restoreData ? FindBackup(point, manifest) : null;
        var user = DeployUser.Current();
        await using var held = await DeployLock.AcquireAsync(site.LockDirectory, site.LockName, LockOwner.Current(manifest.Version), log, ct);
        var previous = (await site.RunningAsync(ct))?.Version;
        var release = new DeployedRelease(manifest.Version, manifest.Commit, manifest.Images.Values.First());
        // Recorded alongside the redeploy, not before it: GitHub never delays a rollback.
        var github = site.GitHub.StartAsync(new DeploymentRequest("production", manifest.Commit, manifest.Version, manifest.Images)
        {
            RollbackTag = point.Tag, IsRollback = true, EnvironmentUrl = site.Url,
        });
        string? failure;
        try
        {
            failure = emergency
                ? await Redeploy.DeployAndAnswerAsync(site, release, log, ct)
                : await Redeploy.DeployAndVerifyAsync(site, release, log, ct);
            if (failure is null && backup is not null)
                failure = await RestoreAsync(backup, ct);
        }
        catch (Exception e)
        {
            await (await github).CompleteAsync(DeploymentOutcome.Error, e is OperationCanceledException ? "cancelled (Ctrl-C or SIGTERM)" : e.Message);
            throw;
        }
        Audit(point, manifest, release, previous, backup, failure, emergency, user);
        await (await github).CompleteAsync(failure is null ? DeploymentOutcome.Success : DeploymentOutcome.Failure,
            failure ?? $"{(emergency ? "emergency rollback" : "rollback")} to {point.Tag}{(backup is null ? "" : ", data restored")}");
        if (failure is not null)
            throw new PromotionFailedException($"Rollback to {point.Tag} ({manifest.Version}) failed: {failure}. Check ./build.sh HealthCheck --environment production --verbosity verbose; older points: ./build.sh Rollback --list.");
        return release;
    }

    BackupManifest FindBackup(RollbackPoint point, RollbackManifest manifest) =>
        manifest.BackupId is { } id
            ? site.Backups.Find(id)
            : throw new PromotionFailedException($"Rollback point {point.Tag} has no backup (it was the first promotion's); roll back without --restore-data.");

    async Task<string?> RestoreAsync(BackupManifest backup, CancellationToken ct)
    {
        var running = await site.RunningAsync(ct) ?? throw new PromotionFailedException("Production is not running after the rollback; nothing to restore into.");
        await new VolumeBackup(site.Docker, log).RestoreAsync(running.Id, backup, site.Backups, ct);
        log.Information("Restored backup {Backup} ({Size} bytes, sha256 verified)", backup.Id, backup.Size);
        try
        {
            await site.Environment.WaitHealthyAsync(site.DeployTimeout, ct);
            return null;
        }
        catch (EnvironmentException e)
        {
            return e.Message;
        }
    }

    void Audit(RollbackPoint point, RollbackManifest manifest, DeployedRelease release, string? previous, BackupManifest? backup, string? failure, bool emergency, DeployUser user) =>
        site.Audit.Append(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Rollback, "production", failure is null ? AuditOutcome.Succeeded : AuditOutcome.Failed)
        {
            Version = release.Version,
            PreviousVersion = previous,
            Commit = manifest.Commit,
            Digests = manifest.Images,
            RollbackTag = point.Tag,
            BackupId = backup?.Id,
            Message = (emergency ? "emergency rollback" : "rollback") + (backup is null ? "" : ", data restored") + (failure is null ? "" : ": " + failure),
        }.By(user));
}
