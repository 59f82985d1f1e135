using Docker.DotNet;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;

namespace Pipeline.Promotion;

/// <summary>Everything a promotion or a rollback touches in production: where it runs, its state, and how to verify it.</summary>
/// <param name="Environment">Production's Compose environment.</param>
/// <param name="Docker">The engine client.</param>
/// <param name="RepositoryDirectory">The git repository that holds the rollback tags.</param>
/// <param name="LockDirectory">Where deploy locks live (<c>.deploy/locks</c>).</param>
/// <param name="Backups">Production's backups (<c>backups/&lt;project&gt;</c>).</param>
/// <param name="Audit">The append-only audit log.</param>
public sealed record ProductionSite(ComposeEnvironment Environment, DockerClient Docker, string RepositoryDirectory, string LockDirectory, BackupStore Backups, AuditLog Audit)
{
    /// <summary>How long a deployment may take to become healthy.</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Post-deploy verification (health check plus smoke workflows); returns why it failed, or null when it passed.</summary>
    public Func<CancellationToken, Task<string?>> Verify { get; init; } = _ => Task.FromResult<string?>(null);

    /// <summary>Where deployments, their statuses and releases are recorded on GitHub (by default nowhere).</summary>
    public DeploymentRecorder GitHub { get; init; } = DeploymentRecorder.None;

    /// <summary>Production's address for GitHub's deployment records, or null.</summary>
    public Uri? Url { get; init; }

    /// <summary>The liveness path an emergency rollback polls until it answers 200.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>The lock name: the environment (the lock directory is per project prefix, so two sites never share a lock).</summary>
    public string LockName => Environment.Settings.Name;

    /// <summary>The service running in production now, or null when nothing is deployed.</summary>
    public async Task<ContainerStatus?> RunningAsync(CancellationToken ct) =>
        (await Environment.StatusAsync(ct)).Containers.FirstOrDefault(c => c.IsRunning);
}
