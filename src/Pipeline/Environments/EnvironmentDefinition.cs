using Pipeline.Model;

namespace Pipeline.Environments;

/// <summary>One entry of the <see cref="EnvironmentCatalog"/>: the environment, the profile its definition asks for, and where it was defined.</summary>
/// <param name="Environment">The environment with its hosts, port, host name and compose files.</param>
/// <param name="Profile">The <c>profile</c> the file gives it; null to follow from its hosts.</param>
/// <param name="Origin">Where it comes from, for messages: <c>default</c>, or the file and line.</param>
public sealed record EnvironmentDefinition(DeployEnvironment Environment, DeploymentProfile? Profile, string Origin)
{
    /// <summary>The environment's name.</summary>
    public string Name => Environment.Name;

    /// <summary>
    /// The profile it deploys with: <paramref name="requested"/> (<c>--deploy-profile</c>) wins, then the file's <c>profile</c>, then its hosts
    /// (see <see cref="DeploymentProfiles.Of(IReadOnlyList{Host}, string?)"/>).
    /// </summary>
    public DeploymentProfile ProfileFor(DeploymentProfile? requested, string? dockerHost) =>
        requested ?? Profile ?? DeploymentProfiles.Of(Environment.Hosts, dockerHost);
}
