namespace Pipeline.Images;

/// <summary>What <see cref="ProductionValidator"/> expects of a production image.</summary>
public sealed record ValidationOptions
{
    /// <summary>The port the service listens on inside the container; published on 127.0.0.1 with a random host port.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>The liveness path that must answer 200.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>The readiness path that must answer 200.</summary>
    public string ReadyPath { get; init; } = "/ready";

    /// <summary>The path answering JSON with <c>mode</c> and <c>codeSource</c>; null or empty skips the version check.</summary>
    public string? VersionPath { get; init; } = "/version";

    /// <summary>How long the container may take to become healthy.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The production settings passed to the container as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>File name patterns (<c>*</c>, <c>?</c>) that must not occur in the image; a pattern with <c>/</c> matches the full path.</summary>
    public IReadOnlyList<string> ForbiddenFilePatterns { get; init; } = ["*.cs", "*.csproj"];
}
