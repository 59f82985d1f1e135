using Docker.DotNet;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Promotion;

/// <summary>The real <see cref="IDeploySteps"/>: Compose deploys, the Engine API reads and backs up, git keeps the rollback points.</summary>
/// <param name="environment">The environment's Compose project.</param>
/// <param name="docker">The pipeline's engine client.</param>
/// <param name="points">The repository of rollback points.</param>
/// <param name="backups">The environment's backups.</param>
/// <param name="log">Where to log.</param>
public sealed class ComposeSteps(ComposeEnvironment environment, DockerClient docker, RollbackPoints points, BackupStore backups, ILogger log) : IDeploySteps
{
    /// <summary>How long a deployment may take to become healthy.</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Post-deploy verification (health checks plus smoke scenarios).</summary>
    public Func<CancellationToken, Task<Verdict>> Verify { get; init; } = _ => Task.FromResult(Verdict.Pass);

    /// <summary>The liveness path an emergency rollback polls until it answers 200.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>The service whose <c>/data</c> is backed up and restored.</summary>
    public string DataService { get; init; } = Service.DefaultName;

    /// <summary>The environment's backups.</summary>
    public BackupStore Backups => backups;

    /// <inheritdoc />
    public Task<Release?> RunningAsync(CancellationToken cancellationToken) => environment.RunningReleaseAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<string> BackupAsync(Release running, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        var container = await DataContainerAsync(cancellationToken)
            ?? throw new EnvironmentException($"No running container of service {DataService} in {environment.Settings.Name} to back up.");
        var backup = await new VolumeBackup(docker, log).BackupAsync(container.Id, "/data", backups, new BackupInfo(environment.Settings.Name, running.Version, reason), cancellationToken);
        log.Information("Backed up {Environment}'s data as {Backup} ({Size} bytes, sha256 {Sha})", environment.Settings.Name, backup.Id, backup.Size, backup.Sha256[..12]);
        return backup.Id;
    }

    /// <inheritdoc />
    public async Task<string> CreateRollbackPointAsync(RollbackManifest manifest, CancellationToken cancellationToken)
    {
        var point = await points.CreateAsync(manifest, DateTimeOffset.UtcNow, cancellationToken);
        await points.PushAsync(point, cancellationToken);
        return point.Tag;
    }

    /// <inheritdoc />
    public async Task<Verdict> DeployAsync(Release release, CancellationToken cancellationToken)
    {
        try
        {
            await environment.UpAsync(release, cancellationToken);
            await environment.WaitHealthyAsync(DeployTimeout, cancellationToken);
            return Verdict.Pass;
        }
        catch (EnvironmentException e)
        {
            return Verdict.Fail(e.Message);
        }
    }

    /// <inheritdoc />
    public Task<Verdict> VerifyAsync(CancellationToken cancellationToken) => Verify(cancellationToken);

    /// <inheritdoc />
    public async Task<Verdict> DeployAndAnswerAsync(Release release, CancellationToken cancellationToken)
    {
        try
        {
            await environment.UpAsync(release, cancellationToken);
        }
        catch (EnvironmentException e)
        {
            return Verdict.Fail(e.Message);
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{environment.Settings.HostPort}{HealthPath}");
        return await Poll.UntilAsync(
            async (elapsed, token) =>
            {
                if (!await AnswersAsync(http, url, token))
                    return null;
                log.Information("{Url} answered 200 {Seconds:0.0} s after the deploy", url, elapsed.TotalSeconds);
                return Verdict.Pass;
            },
            new PollOptions(TimeSpan.FromMilliseconds(100), DeployTimeout),
            _ => Task.FromResult(Verdict.Fail($"{url} did not answer 200 within {DeployTimeout.TotalSeconds:0} s")),
            cancellationToken);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(CancellationToken cancellationToken) => environment.DownAsync(removeVolumes: false, cancellationToken);

    /// <inheritdoc />
    public void CheckBackup(string backupId) => backups.Find(backupId);

    /// <inheritdoc />
    public async Task<Verdict> RestoreAsync(string backupId, CancellationToken cancellationToken)
    {
        var backup = backups.Find(backupId);
        if (await DataContainerAsync(cancellationToken) is not { } running)
            return Verdict.Fail($"{environment.Settings.Name} is not running after the rollback; nothing to restore into");
        await new VolumeBackup(docker, log).RestoreAsync(running.Id, backup, backups, cancellationToken);
        log.Information("Restored backup {Backup} ({Size} bytes, sha256 verified)", backup.Id, backup.Size);
        try
        {
            await environment.WaitHealthyAsync(DeployTimeout, cancellationToken);
            return Verdict.Pass;
        }
        catch (EnvironmentException e)
        {
            return Verdict.Fail(e.Message);
        }
    }

    private async Task<ContainerStatus?> DataContainerAsync(CancellationToken ct)
    {
        var running = (await environment.StatusAsync(ct)).Containers.Where(c => c.IsRunning).ToList();
        return running.FirstOrDefault(c => c.Service == DataService) ?? running.FirstOrDefault();
    }
}
