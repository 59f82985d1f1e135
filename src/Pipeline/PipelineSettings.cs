using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.Health;
using Pipeline.Model;
using Pipeline.Proxy;

namespace Pipeline;

/// <summary>What the pipeline is set up with, typed once at the edge from the build's parameters.</summary>
/// <param name="RootDirectory">The checkout root.</param>
/// <param name="Registry">The registry images are pushed to.</param>
/// <param name="RollbackRepository">The git repository that holds the rollback tags.</param>
/// <param name="GitHub">How deployments are recorded on GitHub.</param>
public sealed record PipelineSettings(string RootDirectory, RegistryAddress Registry, string RollbackRepository, GitHubOptions GitHub)
{
    /// <summary>The deploy audit log, <c>logs/deploy/audit.jsonl</c>.</summary>
    public AuditLog AuditTrail => AuditTrailOf(RootDirectory);

    /// <summary>The deploy audit log of the checkout at <paramref name="rootDirectory"/>.</summary>
    public static AuditLog AuditTrailOf(string rootDirectory) => new(Path.Combine(rootDirectory, "logs", "deploy", "audit.jsonl"));

    /// <summary>The sanitization rules, <c>deploy/sanitize.json</c>.</summary>
    public string SanitizeRules => Path.Combine(RootDirectory, "deploy", "sanitize.json");

    /// <summary>Scratch space for data copies and replays, <c>.deploy/work</c>.</summary>
    public string WorkDirectory => Path.Combine(RootDirectory, ".deploy", "work");

    /// <summary>Reports and release manifests, <c>artifacts/</c>.</summary>
    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    /// <summary>The Compose files, scenarios and rules, <c>deploy/</c>.</summary>
    public string DeployDirectory => Path.Combine(RootDirectory, "deploy");
}

/// <summary>GitHub's deployment records: the token (none: nothing is recorded), the repository and the API.</summary>
/// <param name="Token">The token, or null.</param>
/// <param name="Repository">owner/name, or null for origin's.</param>
/// <param name="ApiUrl">The REST API root.</param>
public sealed record GitHubOptions(string? Token, string? Repository, string ApiUrl);

/// <summary>The environments (staging, production and any other <c>deploy/environments.json</c> defines), and how the service deployed there is checked.</summary>
/// <param name="Prefix">Prefix of the Compose projects, locks and backups.</param>
/// <param name="Environments">Where each environment runs, with the explicit port parameters applied.</param>
/// <param name="RequestedProfile"><c>--deploy-profile</c>: laptop or server for every environment; null to take each one's from the file or its hosts.</param>
public sealed record DeliveryOptions(string Prefix, EnvironmentCatalog Environments, DeploymentProfile? RequestedProfile = null)
{
    /// <summary>Port the service listens on inside its container.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>Liveness path of the service.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>Readiness path of the service.</summary>
    public string ReadyPath { get; init; } = "/ready";

    /// <summary>How long a deployment may take to become healthy.</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long HealthCheck keeps retrying.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The edge proxy on this engine that owns both environments' ports.</summary>
    public ProxyOptions Proxy { get; init; } = new();

    /// <summary>How the servers of an environment are reached over SSH (the user's own ssh set-up, or a given config file).</summary>
    public Hosts.SshOptions Ssh { get; init; } = Hosts.SshOptions.Default;

    /// <summary>How many hosts of an environment are worked on at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How many stopped releases each environment keeps for instant rollbacks.</summary>
    public int KeepReleases { get; init; } = 3;

    /// <summary>
    /// The service deployed: Compose service <c>app</c> with its port and paths. It is single-writer (its SQLite database lives on the data
    /// volume), so a cutover never runs two of it at once: the proxy holds requests while the old one stops and the new one starts.
    /// </summary>
    public Service App => new(Service.DefaultName) { ContainerPort = ContainerPort, HealthPath = HealthPath, ReadyPath = ReadyPath, SingleWriter = true };

    /// <summary><c>DOCKER_HOST</c>: when it names a remote engine, environments on the local host deploy with the server profile.</summary>
    public string? DockerHost { get; init; } = System.Environment.GetEnvironmentVariable("DOCKER_HOST");

    /// <summary>The proxy route of <paramref name="environment"/>: its port and host name, named after its Compose project.</summary>
    public ProxyRoute RouteOf(EnvironmentSettings environment) =>
        new((environment ?? throw new ArgumentNullException(nameof(environment))).ProjectName, environment.HostPort, environment.Environment.HostName) { Address = environment.Environment.Publish };

    /// <summary>Staging's port.</summary>
    public int StagingPort => PortOf(DeployEnvironment.Staging);

    /// <summary>Production's port.</summary>
    public int ProductionPort => PortOf(DeployEnvironment.Production);

    /// <summary>The port of <paramref name="environment"/>'s proxy.</summary>
    public int PortOf(DeployEnvironment environment) => Environments[environment].Environment.Port;

    /// <summary>The profile <paramref name="environment"/> deploys with: <see cref="RequestedProfile"/>, else the file's, else its hosts'.</summary>
    public DeploymentProfile ProfileOf(DeployEnvironment environment) => Environments[environment].ProfileFor(RequestedProfile, DockerHost);

    /// <summary>The URL of <paramref name="environment"/>.</summary>
    public Uri UrlOf(DeployEnvironment environment) => new($"http://127.0.0.1:{PortOf(environment)}");

    /// <summary>How health is checked: the service's paths and <see cref="HealthTimeout"/>.</summary>
    public HealthOptions Health => new() { HealthPath = HealthPath, ReadyPath = ReadyPath, Timeout = HealthTimeout };

    /// <summary>The settings of <paramref name="environment"/>, its Compose files in <paramref name="deployDirectory"/>.</summary>
    public EnvironmentSettings Environment(DeployEnvironment environment, string deployDirectory) =>
        EnvironmentSettings.For(Environments[environment].Environment, Prefix, PortOf(environment), ProfileOf(environment), deployDirectory) with { ContainerPort = ContainerPort };
}
