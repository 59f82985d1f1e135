using Pipeline.Delivery;
using Pipeline.Model;
using Pipeline.Promotion;

namespace Pipeline.Tests.Promotion;

/// <summary>
/// The promotion engine's own seam, in memory: what "runs" is a field, deploys and verifications answer as a test says, and
/// every step is written down. The compose/engine implementation is covered by the end-to-end delivery tests.
/// </summary>
internal sealed class InMemorySteps(Release? running) : IDeploySteps
{
    public Release? Running { get; private set; } = running;

    public List<string> Steps { get; } = [];

    public List<RollbackManifest> Points { get; } = [];

    /// <summary>Why deploying a release fails (null: it deploys); gets the release and the token the deploy ran with.</summary>
    public Func<Release, CancellationToken, Verdict> Deploy { get; init; } = (_, _) => Verdict.Pass;

    /// <summary>Why verifying what runs fails (null: it passes).</summary>
    public Func<Release?, Verdict> Verify { get; init; } = _ => Verdict.Pass;

    public Task<Release?> RunningAsync(CancellationToken cancellationToken) => Task.FromResult(Running);

    public Task<string> BackupAsync(Release running, string reason, CancellationToken cancellationToken)
    {
        Steps.Add($"backup {running.Version}");
        return Task.FromResult($"backup-{running.Version}");
    }

    public Task<string> CreateRollbackPointAsync(RollbackManifest manifest, CancellationToken cancellationToken)
    {
        Points.Add(manifest);
        Steps.Add($"tag {manifest.Version}");
        return Task.FromResult($"rollback-20260101-00000{Points.Count}");
    }

    public Task<Verdict> DeployAsync(Release release, CancellationToken cancellationToken)
    {
        Steps.Add($"deploy {release.Version} ({release.Describe()})");
        var verdict = Deploy(release, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        Running = release;
        return Task.FromResult(verdict);
    }

    public Task<Verdict> VerifyAsync(CancellationToken cancellationToken)
    {
        Steps.Add($"verify {Running?.Version}");
        return Task.FromResult(Verify(Running));
    }

    public Task<Verdict> DeployAndAnswerAsync(Release release, CancellationToken cancellationToken)
    {
        Steps.Add($"emergency {release.Version}");
        Running = release;
        return Task.FromResult(Verdict.Pass);
    }

    public Task RemoveAsync(CancellationToken cancellationToken)
    {
        Steps.Add("remove");
        Running = null;
        return Task.CompletedTask;
    }

    public void CheckBackup(string backupId) => Steps.Add($"check {backupId}");

    public Task<Verdict> RestoreAsync(string backupId, CancellationToken cancellationToken)
    {
        Steps.Add($"restore {backupId}");
        return Task.FromResult(Verdict.Pass);
    }
}
