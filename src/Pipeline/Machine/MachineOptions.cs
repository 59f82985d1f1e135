using Pipeline.Model;

namespace Pipeline.Machine;

/// <summary>Where the pipeline lives and which engine and registry <see cref="Doctor"/> and <see cref="MachineSetup"/> look at.</summary>
/// <param name="RootDirectory">The checkout root; set-up logs go to <c>logs/setup/</c> under it.</param>
/// <param name="Registry">The registry, <see cref="DefaultRegistry"/> unless configured.</param>
/// <param name="RegistryDataDirectory">Where a local registry keeps its config and blobs; outside the checkout.</param>
public sealed record MachineOptions(string RootDirectory, RegistryAddress Registry, string RegistryDataDirectory)
{
    /// <summary>The edge proxy Doctor looks at.</summary>
    public Proxy.ProxyOptions Proxy { get; init; } = new();

    /// <summary>How <c>Doctor --environment</c> reaches the environment's servers.</summary>
    public Hosts.SshOptions Ssh { get; init; } = Hosts.SshOptions.Default;

    /// <summary>How many hosts <c>Doctor --environment</c> checks at once.</summary>
    public int ParallelHosts { get; init; } = 4;

    /// <summary>The registry the pipeline pushes to unless configured otherwise.</summary>
    public const string DefaultRegistry = RegistryAddress.Default;

    /// <summary>The engine endpoint used when neither <see cref="DockerHost"/> nor <c>DOCKER_HOST</c> is set.</summary>
    public const string DefaultDockerHost = "unix:///var/run/docker.sock";

    /// <summary>Options for <paramref name="rootDirectory"/> with the default registry and data directory.</summary>
    public MachineOptions(string rootDirectory) : this(rootDirectory, RegistryAddress.Parse(DefaultRegistry), DefaultRegistryDataDirectory) { }

    /// <summary>Options for <paramref name="rootDirectory"/> with <paramref name="registry"/> given as <c>host:port</c>.</summary>
    public MachineOptions(string rootDirectory, string registry, string registryDataDirectory) : this(rootDirectory, RegistryAddress.Parse(registry), registryDataDirectory) { }

    /// <summary>How long <see cref="MachineSetup"/> waits for a started <c>dockerd</c> to answer <c>/_ping</c>.</summary>
    public TimeSpan EngineStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <see cref="MachineSetup"/> waits for a started registry to answer <c>GET /v2/</c>.</summary>
    public TimeSpan RegistryStartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True in CI (<c>CI=true</c>, the default read from the environment): set-up is then allowed without root.</summary>
    public bool IsCI { get; init; } = MachineFacts.IsCIEnvironment;

    /// <summary>The engine endpoint; null means <c>DOCKER_HOST</c>, else <see cref="DefaultDockerHost"/>.</summary>
    public string? DockerHost { get; init; }

    /// <summary>The engine endpoint in effect: <see cref="DockerHost"/>, else <c>DOCKER_HOST</c>, else <see cref="DefaultDockerHost"/>.</summary>
    public string EngineEndpoint => DockerHost
        ?? (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultDockerHost);

    /// <summary>The command that starts the engine; <c>-H endpoint</c> is appended for a non-default socket.</summary>
    internal IReadOnlyList<string> EngineCommand { get; init; } = ["dockerd"];

    /// <summary>
    /// <c>/var/lib/app-pipeline/registry</c> when running as root, else <c>app-pipeline/registry</c> under the
    /// user's data directory (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c>).
    /// </summary>
    public static string DefaultRegistryDataDirectory => Path.Combine(DataDirectory, "registry");

    /// <summary>The pipeline's machine-wide data outside any checkout: <c>/var/lib/app-pipeline</c> as root, else <c>~/.local/share/app-pipeline</c>.</summary>
    public static string DataDirectory => MachineFacts.IsEffectiveRoot
        ? "/var/lib/app-pipeline"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "app-pipeline");
}
