using Pipeline.Delivery;
using Pipeline.GitHub.Deployments;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Promotion;

/// <summary>
/// Promotes a release: lock, backup, rollback point, deploy by digest, verify, and on any failure after the deploy, back to
/// the recorded release by itself. Every outcome is appended to the audit log and returned as a <see cref="PromotionOutcome"/>.
/// </summary>
public sealed class Promoter(ProductionSite site, ILogger log)
{
    private IDeploySteps Steps => site.Steps;

    /// <summary>Promotes <paramref name="release"/>; a failure is an outcome, not an exception (a lock held by another run still throws).</summary>
    public async Task<PromotionOutcome> PromoteAsync(Release release, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(release);
        var user = DeployUser.Current();
        await using var held = await DeployLock.AcquireAsync(site.Target, site.LockName, LockOwner.Current(release.Version), log, ct);
        var current = await Steps.RunningAsync(ct);
        var record = current is null ? FirstPromotion(release) : await RecordPreviousAsync(current, release, reason, user, ct);
        var github = await site.GitHub.StartAsync(DeploymentRequest.For(site.Environment, release, site.Url) with { RollbackTag = record.RollbackTag });

        Verdict verdict;
        var cancelled = false;
        try
        {
            await Testing.TestPause.AtAsync("before-deploy", log, ct);
            verdict = await DeployAndVerifyAsync(release, ct);
        }
        catch (OperationCanceledException)
        {
            (verdict, cancelled) = (Verdict.Fail("cancelled (Ctrl-C or SIGTERM) while deploying"), true);
        }
        catch (Exception e)
        {
            await github.CompleteAsync(DeploymentOutcome.Error, e.Message);
            throw;
        }
        if (verdict.Passed)
        {
            await AuditAsync(record, AuditOutcome.Succeeded, $"promoted {release.Version}", user);
            await github.CompleteAsync(DeploymentOutcome.Success, $"{release.Version} serves");
            await site.GitHub.PublishReleaseAsync(new GitHubRelease(release.Version, release.Commit, release.Images, record.RollbackTag, record.Previous?.Version));
            return record;
        }
        // Not awaited here: GitHub never delays the rollback (the rollback's own record follows this status).
        var failed = github.CompleteAsync(cancelled ? DeploymentOutcome.Error : DeploymentOutcome.Failure, verdict.Problem!);
        return await RollBackAsync(record with { Failure = verdict.Problem, Cancelled = cancelled }, user, failed);
    }

    private async Task<Verdict> DeployAndVerifyAsync(Release release, CancellationToken ct)
    {
        log.Information("Deploying {Version} ({Images}) to {Environment}", release.Version, release.Describe(), site.Environment);
        var deployed = await Steps.DeployAsync(release, ct);
        return deployed.Passed ? await Steps.VerifyAsync(ct) : deployed;
    }

    private PromotionOutcome FirstPromotion(Release release)
    {
        log.Information("This is the first promotion: {Environment} is empty, so there is nothing to back up or tag", site.Environment);
        return new PromotionOutcome(PromotionResult.Promoted, release, null, null, null);
    }

    private async Task<PromotionOutcome> RecordPreviousAsync(Release previous, Release release, string reason, DeployUser user, CancellationToken ct)
    {
        var backup = await Steps.BackupAsync(previous, reason, ct);
        var manifest = new RollbackManifest(site.Environment.Name, previous.Version, previous.Commit, previous.Images,
            backup, user.ToString(), $"before promoting {release.Version}: {reason}", DateTimeOffset.UtcNow);
        var tag = await Steps.CreateRollbackPointAsync(manifest, ct);
        log.Information("Rollback point {Tag}: {Version} ({Images})", tag, previous.Version, previous.Describe());
        return new PromotionOutcome(PromotionResult.Promoted, release, previous, tag, backup);
    }

    private async Task<PromotionOutcome> RollBackAsync(PromotionOutcome record, DeployUser user, Task failedRecorded)
    {
        log.Error("Promotion of {Version} failed: {Failure}", record.Release.Version, record.Failure);
        using var time = new CancellationTokenSource(site.DeployTimeout * 2);
        if (record.Previous is not { } previous)
        {
            await Steps.RemoveAsync(time.Token);
            await failedRecorded;
            await AuditAsync(record, AuditOutcome.Failed, $"{record.Failure}; {site.Environment} was empty before, so the failed release was removed (data volume kept)", user);
            return record with { Result = PromotionResult.Removed };
        }
        log.Warning("Rolling back to {Version} ({Tag})", previous.Version, record.RollbackTag);
        var github = StartAfterAsync(failedRecorded, DeploymentRequest.For(site.Environment, previous, site.Url) with { RollbackTag = record.RollbackTag, IsRollback = true });
        var back = await DeployAndVerifyAsync(previous, time.Token);
        if (!back.Passed)
        {
            log.Warning("Verifying the rollback failed ({Reason}); checking once more in {Seconds} s", back.Problem, site.RecheckDelay.TotalSeconds);
            await Task.Delay(site.RecheckDelay, time.Token);
            back = await DeployAndVerifyAsync(previous, time.Token);
        }
        await (await github).CompleteAsync(back.Passed ? DeploymentOutcome.Success : DeploymentOutcome.Failure, back.Problem ?? $"automatic rollback after: {record.Failure}");
        if (back.Passed)
        {
            await AuditAsync(record, AuditOutcome.RolledBack, $"{record.Failure}; rolled back to {previous.Version}", user);
            return record with { Result = PromotionResult.RolledBack };
        }
        await AuditAsync(record, AuditOutcome.Failed, $"{record.Failure}; the rollback to {previous.Version} failed too: {back.Problem}", user);
        return record with { Result = PromotionResult.RollbackFailed, RollbackFailure = back.Problem };
    }

    private async Task<DeploymentRecord> StartAfterAsync(Task before, DeploymentRequest request)
    {
        await before;
        return await site.GitHub.StartAsync(request);
    }

    private Task<bool> AuditAsync(PromotionOutcome record, AuditOutcome outcome, string message, DeployUser user) =>
        site.Audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Promote, site.Environment.Name, outcome)
        {
            Version = record.Release.Version,
            PreviousVersion = record.Previous?.Version,
            Commit = record.Release.Commit,
            Digests = record.Release.Images,
            RollbackTag = record.RollbackTag,
            BackupId = record.BackupId,
            Message = message,
        }.By(user), CancellationToken.None);
}
