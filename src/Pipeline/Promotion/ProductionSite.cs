using Pipeline.Delivery;
using Pipeline.GitHub.Deployments;
using Pipeline.Model;

namespace Pipeline.Promotion;

/// <summary>Everything a promotion or a rollback touches besides the steps: the environment, its lock, the audit log and GitHub's records.</summary>
/// <param name="Environment">The environment promoted into (production).</param>
/// <param name="Steps">How releases are deployed, verified, backed up and tagged there.</param>
/// <param name="Target">Where the environment's deploy lock (and audit log) live: its engine.</param>
/// <param name="Audit">The append-only audit log, also appended on the target.</param>
public sealed record ProductionSite(DeployEnvironment Environment, IDeploySteps Steps, TargetState Target, AuditLog Audit)
{
    /// <summary>How long a deployment may take to become healthy; an automatic rollback gets twice as long.</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long to wait before looking at a failed rollback once more (a container interrupted mid-deploy can report unhealthy for a probe or two).</summary>
    public TimeSpan RecheckDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where deployments, their statuses and releases are recorded on GitHub (by default nowhere).</summary>
    public DeploymentRecorder GitHub { get; init; } = DeploymentRecorder.None;

    /// <summary>The environment's address for GitHub's deployment records, or null.</summary>
    public Uri? Url { get; init; }

    /// <summary>The lock name: the environment (the lock container is named after the project prefix too, so two sites never share a lock).</summary>
    public string LockName => Environment.Name;
}
