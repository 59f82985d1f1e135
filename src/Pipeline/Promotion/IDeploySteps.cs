using Pipeline.Delivery;
using Pipeline.Model;

namespace Pipeline.Promotion;

/// <summary>
/// What a promotion or a rollback does to an environment, step by step. The real steps run Compose and the engine
/// (<see cref="Cutover.CutoverSteps"/>); the <see cref="Promoter"/> and <see cref="Rollbacker"/> decide their order and what a failure means.
/// </summary>
public interface IDeploySteps
{
    /// <summary>The release running now, or null when nothing runs.</summary>
    Task<Release?> RunningAsync(CancellationToken cancellationToken);

    /// <summary>Backs up the data of <paramref name="running"/>; returns the backup id.</summary>
    Task<string> BackupAsync(Release running, string reason, CancellationToken cancellationToken);

    /// <summary>Creates (and pushes, when there is a remote) the rollback point of <paramref name="manifest"/>; returns its tag.</summary>
    Task<string> CreateRollbackPointAsync(RollbackManifest manifest, CancellationToken cancellationToken);

    /// <summary>Deploys <paramref name="release"/> and waits until every container is healthy.</summary>
    Task<Verdict> DeployAsync(Release release, CancellationToken cancellationToken);

    /// <summary>Verifies what runs: health checks and smoke scenarios.</summary>
    Task<Verdict> VerifyAsync(CancellationToken cancellationToken);

    /// <summary>The emergency check: deploys <paramref name="release"/> and waits only until its liveness path answers.</summary>
    Task<Verdict> DeployAndAnswerAsync(Release release, CancellationToken cancellationToken);

    /// <summary>Removes what runs (containers and networks), keeping the data volumes.</summary>
    Task RemoveAsync(CancellationToken cancellationToken);

    /// <summary>Throws, before anything changes, when backup <paramref name="backupId"/> cannot be restored.</summary>
    void CheckBackup(string backupId);

    /// <summary>Restores backup <paramref name="backupId"/> (checksum first) into what runs, and waits until it is healthy.</summary>
    Task<Verdict> RestoreAsync(string backupId, CancellationToken cancellationToken);
}
