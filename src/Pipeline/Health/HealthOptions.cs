namespace Pipeline.Health;

/// <summary>What <see cref="HealthChecker"/> asks each container and how long it keeps trying.</summary>
public sealed record HealthOptions
{
    /// <summary>Liveness path, answered with 200 when the process works.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>Readiness path, answered with 200 when the service can take traffic.</summary>
    public string ReadyPath { get; init; } = "/ready";

    /// <summary>How many rounds of checks at most, the first included.</summary>
    public int Retries { get; init; } = 10;

    /// <summary>The pause between two rounds.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// True (the default) when Docker's own verdict counts: a container Docker calls unhealthy fails even if its paths answer. The check right
    /// after a cutover sets it false and judges by its own probes only: Docker's flag follows its health interval and lags behind them.
    /// </summary>
    public bool DockerHealthCounts { get; init; } = true;

    /// <summary>The time all rounds together may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
