using Pipeline.Model;

namespace Pipeline.Environments;

/// <summary>Where the environments run, which decides whether <c>deploy/compose.laptop.yaml</c> is applied.</summary>
public enum DeploymentProfile
{
    /// <summary>A developer machine: a local engine running staging and production side by side, with modest limits and debug logs.</summary>
    Laptop,

    /// <summary>A server: the engine is remote (an <c>ssh://</c> host, or <c>DOCKER_HOST=ssh://...</c> or <c>tcp://...</c>); no laptop limits.</summary>
    Server,
}

/// <summary>Picks the <see cref="DeploymentProfile"/>.</summary>
public static class DeploymentProfiles
{
    /// <summary>
    /// The profile an environment's <paramref name="hosts"/> call for: <see cref="DeploymentProfile.Server"/> when any is reached over SSH,
    /// or when one is the pipeline's own engine and <paramref name="dockerHost"/> is remote; else <see cref="DeploymentProfile.Laptop"/>.
    /// </summary>
    public static DeploymentProfile Of(IReadOnlyList<Host> hosts, string? dockerHost) =>
        hosts.Any(h => h.IsRemote || h.Kind == HostKind.Local && IsRemote(dockerHost)) ? DeploymentProfile.Server : DeploymentProfile.Laptop;

    /// <summary>True when <paramref name="dockerHost"/> names a remote engine (<c>ssh://</c> or <c>tcp://</c>).</summary>
    public static bool IsRemote(string? dockerHost) =>
        dockerHost?.Trim() is { } host
        && (host.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || host.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase));
}
