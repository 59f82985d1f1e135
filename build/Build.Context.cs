using Pipeline;
using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Operations;
using Serilog;

/// <summary>The edge: the run's one <see cref="PipelineContext"/>, the parameters typed into the engine's settings, and the host as the engine's output.</summary>
partial class Build : IRunOutput
{
    readonly Lazy<PipelineContext> context;
    readonly Parsed parsed;

    /// <summary>
    /// The context and the parsed values are made on first use, after the parameters were injected; the context is disposed when the process
    /// ends (after the summary, also after a failure or Ctrl-C), which closes the SSH connections to servers and the forwards they carry.
    /// </summary>
    public Build()
    {
        parsed = new(this);
        context = new(() => new PipelineContext(
            new PipelineSettings(RootDirectory, RegistryAddress, RollbackRepository, new GitHubOptions(GitHubToken, GitHubRepository, GitHubApiUrl)),
            Log.Logger, this, new HostMasker(Redactor)));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (context.IsValueCreated)
                context.Value.Dispose();
        };
    }

    /// <summary>The run's engine client, git facts, Compose tool, GitHub recorder and built images.</summary>
    PipelineContext Run => context.Value;

    /// <summary><c>--registry</c>, parsed once.</summary>
    RegistryAddress RegistryAddress => parsed.Registry.Value;

    string RollbackRepository => Repository is { Length: > 0 } r ? Path.GetFullPath(r, RootDirectory) : RootDirectory;

    /// <summary>Staging and production, and the service deployed there.</summary>
    DeliveryOptions Delivery => new(EnvironmentPrefix ?? ImageName, DefinedEnvironments, DeployProfile)
    {
        ContainerPort = ContainerPort,
        HealthPath = HealthPath,
        ReadyPath = ReadyPath,
        DeployTimeout = DeployTimeout,
        HealthTimeout = HealthTimeout,
        Proxy = Pipeline.Proxy.ProxyOptions.Named(ProxyName, ProxyApiPort),
        KeepReleases = KeepReleases,
        Ssh = new Pipeline.Hosts.SshOptions(SshConfig),
        Parallelism = ParallelHosts,
    };

    DeliveryOperations Deliveries => new(Run, Delivery);

    ProductionOperations Production => new(Run, Delivery) { LockLease = LockLease };

    /// <summary>The parameters parsed once (a nested class, so that a target's help still lists the parameters it reads).</summary>
    sealed class Parsed
    {
        readonly Build build;

        public Parsed(Build build) => (this.build, Registry) = (build, new(ParseRegistry));

        public Lazy<RegistryAddress> Registry { get; }

        RegistryAddress ParseRegistry() => RegistryAddress.Parse(build.Registry);
    }

    void IRunOutput.Print(string text) => Print(text);

    void IRunOutput.Print(Action<TextWriter> write) => Print(write);

    void IRunOutput.Report(string key, string value) => ReportSummary(key, value);

    Serilog.Core.Logger IRunOutput.AreaLog(string area, string name) => AreaLog(area, name);
}
