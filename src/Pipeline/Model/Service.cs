namespace Pipeline.Model;

/// <summary>One service of a release, as Compose names it.</summary>
/// <param name="Name">The Compose service name, such as <c>app</c>.</param>
/// <param name="Image">Where its images are pushed (null for an accessory the pipeline does not build).</param>
/// <param name="Role">What it is to the release.</param>
public sealed record Service(string Name, ImageRepository? Image = null, ServiceRole Role = ServiceRole.App)
{
    /// <summary>The Compose service the sample's compose files define (<c>deploy/compose.yaml</c>).</summary>
    public const string DefaultName = "app";

    /// <summary>The port it listens on inside its container.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>Its liveness path.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>Its readiness path.</summary>
    public string ReadyPath { get; init; } = "/ready";

    /// <summary>
    /// True when two of its containers must never run at once (it writes a database file on its volume, as the sample's SQLite):
    /// a cutover stops the old container before the new one starts, while the proxy holds requests. False: old and new overlap.
    /// </summary>
    public bool SingleWriter { get; init; }
}
