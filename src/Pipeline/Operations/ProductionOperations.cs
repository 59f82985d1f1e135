using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Promotion;
using Serilog;

namespace Pipeline.Operations;

/// <summary>Production's targets on the environments of <paramref name="delivery"/>: promote, roll back, and the site both act on.</summary>
public sealed class ProductionOperations(PipelineContext run, DeliveryOptions delivery)
{
    /// <summary>How long production's deploy lock stays live without renewal (the running promotion renews it every quarter of this).</summary>
    public TimeSpan LockLease { get; init; } = TargetState.DefaultLease;

    private DeliveryOperations Delivery => new(run, delivery);

    private static DeployEnvironment Production => DeployEnvironment.Production;

    /// <summary>Promotes the release of <paramref name="releaseFile"/> for <paramref name="reason"/>; throws with the outcome when it did not succeed.</summary>
    public async Task PromoteAsync(string releaseFile, string reason, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("deploy", "promote");
        var release = ReleaseManifest.Read(releaseFile).ReleaseOf(Service.DefaultName);
        var (site, _) = await SiteAsync(log, cancellationToken);
        var outcome = await new Promoter(site, log).PromoteAsync(release, reason, cancellationToken);
        if (!outcome.Succeeded)
            throw Failed(outcome.Describe());
        run.Output.Report("", $"{release.Version} on 127.0.0.1:{delivery.ProductionPort}" + (outcome.RollbackTag is null ? " (first promotion)" : $"; back: {outcome.RollbackTag}"));
    }

    /// <summary>Lists the rollback points, or redeploys <paramref name="tag"/> (or the newest valid point) to production.</summary>
    public async Task RollbackAsync(string? tag, bool list, bool restoreData, bool emergency, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("deploy", "rollback");
        var points = run.RollbackPoints(log);
        var (site, backups) = await SiteAsync(log, cancellationToken);
        if (list)
        {
            var all = await points.ListAsync(cancellationToken);
            run.Output.Print(w => RollbackPoints.Write(w, all, id => backups.List().Any(b => b.Id == id)));
            return;
        }
        var point = tag is { Length: > 0 } ? await points.FindAsync(tag, cancellationToken)
            : (await points.ListAsync(cancellationToken)).FirstOrDefault(p => p.IsValid)
              ?? throw new OperationFailedException("There is no rollback point yet: the first promotion leaves none. Nothing was changed.");
        var outcome = await new Rollbacker(site, log).RollbackAsync(point, restoreData, emergency, cancellationToken);
        if (!outcome.Succeeded)
            throw Failed(outcome.Describe());
        run.Output.Report("", outcome.Describe());
    }

    /// <summary>
    /// The failure of a promotion or rollback, with every line after the first (one per host of a fleet) also in the summary's notes: the summary
    /// shows a failure's first line only, and each host's outcome must be seen there.
    /// </summary>
    private OperationFailedException Failed(string message)
    {
        foreach (var line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
            run.Output.Report("", line);
        return new OperationFailedException(message);
    }

    /// <summary>Production as the promotion engine sees it: its cutover steps, lock, audit log and GitHub recorder, and its backups.</summary>
    public async Task<(ProductionSite Site, BackupStore Backups)> SiteAsync(ILogger log, CancellationToken cancellationToken)
    {
        var steps = await Delivery.StepsAsync(Production, log, cancellationToken);
        var target = await LockOperations.TargetAsync(run, delivery, Production, cancellationToken) with { Lease = LockLease };
        var site = new ProductionSite(Production, steps, target, run.Settings.AuditTrail.OnTarget(target, log))
        {
            DeployTimeout = delivery.DeployTimeout,
            GitHub = await run.GitHubAsync(log, cancellationToken),
            Url = delivery.UrlOf(Production),
        };
        return (site, steps.Backups);
    }
}
