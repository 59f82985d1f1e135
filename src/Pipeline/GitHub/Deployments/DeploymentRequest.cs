using Pipeline.Model;

namespace Pipeline.GitHub.Deployments;

/// <summary>What one deployment record says: where, which commit and version, the digests, and for a rollback its tag.</summary>
/// <param name="Environment">The GitHub environment, such as <c>production</c> or <c>staging</c>.</param>
/// <param name="Commit">The commit sha deployed (the deployment's ref).</param>
/// <param name="Version">The version deployed.</param>
/// <param name="Digests">Image per service by digest: <c>app</c> → <c>repo@sha256:...</c>.</param>
public sealed record DeploymentRequest(string Environment, string Commit, string Version, IReadOnlyDictionary<string, string> Digests)
{
    /// <summary>The rollback tag: for a promotion the point made before it, for a rollback the point restored.</summary>
    public string? RollbackTag { get; init; }

    /// <summary>True when this deployment is a rollback (manual, emergency or automatic).</summary>
    public bool IsRollback { get; init; }

    /// <summary>True when the environment is production (GitHub's <c>production_environment</c>).</summary>
    public bool IsProduction { get; init; }

    /// <summary>The address users reach the environment at, or null.</summary>
    public Uri? EnvironmentUrl { get; init; }

    /// <summary>A short description shown on GitHub.</summary>
    public string Description => IsRollback ? $"Rollback to {Version}{(RollbackTag is null ? "" : $" ({RollbackTag})")}" : $"Deploy {Version}";

    /// <summary>The record of deploying <paramref name="release"/> (every service's image) to <paramref name="environment"/>.</summary>
    public static DeploymentRequest For(DeployEnvironment environment, Release release, Uri? environmentUrl)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(release);
        return new(environment.Name, release.Commit, release.Version, release.Images) { EnvironmentUrl = environmentUrl, IsProduction = environment.IsProduction };
    }

    /// <summary>The JSON body of <c>POST /repos/{owner}/{repo}/deployments</c>.</summary>
    internal Dictionary<string, object?> Body()
    {
        var payload = new Dictionary<string, object?> { ["version"] = Version, ["digests"] = Digests };
        if (RollbackTag is not null)
            payload["rollback_tag"] = RollbackTag;
        if (IsRollback)
            payload["rollback"] = true;
        return new()
        {
            ["ref"] = Commit,
            ["environment"] = Environment,
            ["description"] = Description,
            ["auto_merge"] = false,
            ["required_contexts"] = Array.Empty<string>(),
            ["production_environment"] = IsProduction,
            ["payload"] = payload,
        };
    }
}
