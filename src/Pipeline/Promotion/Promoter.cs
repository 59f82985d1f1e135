using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Serilog;

namespace Pipeline.Promotion;

/// <summary>
/// Promotes a release to production: lock, backup, rollback tag, deploy by digest, verify, and on any failure after
/// the deploy, back to the recorded version by itself. Every outcome is appended to the audit log.
/// </summary>
public sealed class Promoter(ProductionSite site, ILogger log)
{
    /// <summary>Promotes <paramref name="release"/>; throws <see cref="PromotionFailedException"/> after an automatic rollback.</summary>
    public async Task<PromotionRecord> PromoteAsync(DeployedRelease release, string reason, CancellationToken ct)
    {
        var user = DeployUser.Current();
        await using var held = await DeployLock.AcquireAsync(site.LockDirectory, site.LockName, LockOwner.Current(release.Version), log, ct);
        var current = await site.RunningAsync(ct);
        var record = current is null ? FirstPromotion(release) : await RecordPreviousAsync(current, release, reason, user, ct);
        var github = await site.GitHub.StartAsync(DeploymentRequest.For("production", release, site.Url) with { RollbackTag = record.RollbackTag });

        string? failure;
        var cancelled = false;
        try
        {
            await Testing.TestPause.AtAsync("before-deploy", log, ct);
            failure = await Redeploy.DeployAndVerifyAsync(site, release, log, ct);
        }
        catch (OperationCanceledException)
        {
            (failure, cancelled) = ("cancelled (Ctrl-C or SIGTERM) while deploying", true);
        }
        catch (Exception e)
        {
            await github.CompleteAsync(DeploymentOutcome.Error, e.Message);
            throw;
        }
        if (failure is null)
        {
            Audit(record, AuditOutcome.Succeeded, $"promoted {release.Version}", user);
            await github.CompleteAsync(DeploymentOutcome.Success, $"{release.Version} serves");
            await site.GitHub.PublishReleaseAsync(new GitHubRelease(release.Version, release.Commit, Digests(release), record.RollbackTag, record.Previous?.Version));
            return record;
        }
        // Not awaited here: GitHub never delays the rollback (the rollback's own record follows this status).
        var failed = github.CompleteAsync(cancelled ? DeploymentOutcome.Error : DeploymentOutcome.Failure, failure);
        throw new PromotionFailedException(await RollBackAsync(record, failure, user, failed));
    }

    static Dictionary<string, string> Digests(DeployedRelease release) => new() { ["app"] = release.Image };

    PromotionRecord FirstPromotion(DeployedRelease release)
    {
        log.Information("First promotion: production is empty, so there is nothing to back up or tag");
        return new PromotionRecord(release, null, null, null);
    }

    async Task<PromotionRecord> RecordPreviousAsync(ContainerStatus current, DeployedRelease release, string reason, DeployUser user, CancellationToken ct)
    {
        var previous = new DeployedRelease(current.Version ?? "unknown", current.Revision ?? "", current.Image);
        var backup = await new VolumeBackup(site.Docker, log).BackupAsync(current.Id, "/data", site.Backups, new BackupInfo("production", previous.Version, reason), ct);
        log.Information("Backed up production's data as {Backup} ({Size} bytes, sha256 {Sha})", backup.Id, backup.Size, backup.Sha256[..12]);
        var points = new RollbackPoints(site.RepositoryDirectory, log);
        var manifest = new RollbackManifest("production", previous.Version, previous.Commit, new Dictionary<string, string> { ["app"] = previous.Image },
            backup.Id, user.ToString(), $"before promoting {release.Version}: {reason}", DateTimeOffset.UtcNow);
        var point = await points.CreateAsync(manifest, DateTimeOffset.UtcNow, ct);
        log.Information("Rollback point {Tag}: {Version} ({Image})", point.Tag, previous.Version, previous.Image);
        await points.PushAsync(point, ct);
        return new PromotionRecord(release, previous, point.Tag, backup.Id);
    }

    async Task<string> RollBackAsync(PromotionRecord record, string failure, DeployUser user, Task failedRecorded)
    {
        log.Error("Promotion of {Version} failed: {Failure}", record.Release.Version, failure);
        using var time = new CancellationTokenSource(site.DeployTimeout * 2);
        if (record.Previous is null)
        {
            await site.Environment.DownAsync(removeVolumes: false, time.Token);
            await failedRecorded;
            Audit(record, AuditOutcome.Failed, $"{failure}; production was empty before, so the failed release was removed (data volume kept)", user);
            return $"Promotion of {record.Release.Version} failed: {failure}. Production was empty before this first promotion; the failed release was removed and its data volume kept.";
        }
        log.Warning("Rolling back to {Version} ({Tag})", record.Previous.Version, record.RollbackTag);
        var github = StartAfterAsync(failedRecorded, DeploymentRequest.For("production", record.Previous, site.Url) with { RollbackTag = record.RollbackTag, IsRollback = true });
        var back = await Redeploy.DeployAndVerifyAsync(site, record.Previous, log, time.Token);
        if (back is not null)
        {
            // A container interrupted mid-deploy can report unhealthy for a probe interval or two; look once more.
            log.Warning("Verifying the rollback failed ({Reason}); checking once more in 5 s", back);
            await Task.Delay(TimeSpan.FromSeconds(5), time.Token);
            back = await Redeploy.DeployAndVerifyAsync(site, record.Previous, log, time.Token);
        }
        await (await github).CompleteAsync(back is null ? DeploymentOutcome.Success : DeploymentOutcome.Failure, back is null ? $"automatic rollback after: {failure}" : back);
        if (back is null)
        {
            Audit(record, AuditOutcome.RolledBack, $"{failure}; rolled back to {record.Previous.Version}", user);
            return $"Promotion of {record.Release.Version} failed: {failure}. Production was rolled back to {record.Previous.Version} ({record.RollbackTag}) and serves; its data is untouched (backup {record.BackupId}).";
        }
        Audit(record, AuditOutcome.Failed, $"{failure}; the rollback to {record.Previous.Version} failed too: {back}", user);
        return $"Promotion of {record.Release.Version} failed: {failure}. The automatic rollback to {record.Previous.Version} failed too: {back}. Run ./build.sh Rollback --emergency, then ./build.sh HealthCheck --environment production.";
    }

    async Task<DeploymentRecord> StartAfterAsync(Task before, DeploymentRequest request)
    {
        await before;
        return await site.GitHub.StartAsync(request);
    }

    void Audit(PromotionRecord record, AuditOutcome outcome, string message, DeployUser user) =>
        site.Audit.Append(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Promote, "production", outcome)
        {
            Version = record.Release.Version,
            PreviousVersion = record.Previous?.Version,
            Commit = record.Release.Commit,
            Digests = Digests(record.Release),
            RollbackTag = record.RollbackTag,
            BackupId = record.BackupId,
            Message = message,
        }.By(user));
}

/// <summary>What a promotion recorded: the release, what ran before, its rollback tag and backup.</summary>
public sealed record PromotionRecord(DeployedRelease Release, DeployedRelease? Previous, string? RollbackTag, string? BackupId);
