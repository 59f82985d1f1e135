namespace Pipeline.Images;

/// <summary>Everything app-specific about the service being shipped; all of it comes from build parameters.</summary>
public sealed record ServiceSettings(string RootDirectory, string ImageName, string Dockerfile, string Context)
{
    /// <summary>The Dockerfile's full path.</summary>
    public string DockerfilePath => Path.GetFullPath(Dockerfile, RootDirectory);

    /// <summary>The build context's full path.</summary>
    public string ContextPath => Path.GetFullPath(Context, RootDirectory);

    /// <summary>The port the service listens on inside its container.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>Liveness path.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>Readiness path.</summary>
    public string ReadyPath { get; init; } = "/ready";

    /// <summary>Version path (answers mode and code source); empty to skip that check.</summary>
    public string VersionPath { get; init; } = "/version";

    /// <summary>Reads the Dockerfile, failing with what to do when it is missing.</summary>
    public DockerfileInfo ReadDockerfile() => DockerfileInfo.Read(DockerfilePath);
}
