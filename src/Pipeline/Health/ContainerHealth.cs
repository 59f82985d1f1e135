using Pipeline.Environments;

namespace Pipeline.Health;

/// <summary>The health of one container: what the engine says about it, and how its health and ready paths answered.</summary>
/// <param name="Container">The container as the engine reports it.</param>
/// <param name="Address">Where the paths were asked: its published port on 127.0.0.1, else its address on its network; null when neither.</param>
/// <param name="Health">The liveness probe.</param>
/// <param name="Ready">The readiness probe.</param>
public sealed record ContainerHealth(ContainerStatus Container, Uri? Address, EndpointProbe Health, EndpointProbe Ready)
{
    /// <summary>Whether Docker's verdict counts (<see cref="HealthOptions.DockerHealthCounts"/>).</summary>
    public bool DockerHealthCounts { get; init; } = true;

    /// <summary>
    /// True when it runs, Docker does not call it unhealthy, and both paths answered 200 (a container Docker has not probed yet, "starting",
    /// passes on its own answers: nobody waits for Docker's health interval).
    /// </summary>
    public bool Passed => Problem is null;

    /// <summary>Why it did not pass, or null when it did.</summary>
    public string? Problem =>
        !Container.IsRunning ? $"container is {Container.State} (exit code {Container.ExitCode})"
        : DockerHealthCounts && Container.Health == "unhealthy" ? $"Docker health is {Container.Health}"
        : !Health.Passed ? $"GET {Health.Path} -> {Health}"
        : !Ready.Passed ? $"GET {Ready.Path} -> {Ready}"
        : null;
}
