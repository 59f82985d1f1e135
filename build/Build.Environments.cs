using Pipeline.Environments;
using Pipeline.Model;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Environment HealthCheck, WorkflowTests, Maintenance, Unlock and DebugSnapshot act on (default: staging), and whose hosts Doctor checks: staging, production or another one deploy/environments.json defines", Name = "Environment")] readonly string? EnvironmentParameter;

    /// <summary><c>--environment</c>, staging when not given.</summary>
    string TargetEnvironment => EnvironmentParameter ?? "staging";

    [Parameter("Staging's port; wins over deploy/environments.json (default: the file's, else 8081)")] readonly int? StagingPort;

    [Parameter("Production's port; wins over deploy/environments.json (default: the file's, else 8080)")] readonly int? ProductionPort;

    [Parameter("laptop (CPU and memory limits, debug logs) or server (full resources) for every environment; wins over deploy/environments.json; default: server when the environment has an ssh:// host or DOCKER_HOST is remote, else laptop")] readonly DeploymentProfile? DeployProfile;

    [Parameter("How long a deployment may take to become healthy")] readonly TimeSpan DeployTimeout = TimeSpan.FromSeconds(120);

    [Parameter("How long HealthCheck keeps retrying before it reports unhealthy")] readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    [Parameter("The edge proxy container on this engine; its network and configuration volume are named after it")] readonly string ProxyName = "app-pipeline-proxy";

    [Parameter("Port of the edge proxy's runtime API on 127.0.0.1")] readonly int ProxyApiPort = 8404;

    [Parameter("An ssh config file for reaching the servers (default: your own ~/.ssh/config, agent and known_hosts)")] readonly string? SshConfig;
    [Parameter("How many hosts of an environment are worked on at once")] readonly int ParallelHosts = 4;
    [Parameter("How many stopped releases each environment keeps for an instant rollback")] readonly int KeepReleases = 3;

    /// <summary>The environments: <c>deploy/environments.json</c> (else staging and production on this engine), with <c>--staging-port</c> and <c>--production-port</c> winning over it.</summary>
    EnvironmentCatalog DefinedEnvironments
    {
        get
        {
            var catalog = EnvironmentCatalog.Load(RootDirectory / "deploy");
            catalog = StagingPort is { } staging ? catalog.WithPort(DeployEnvironment.Staging, staging, "--staging-port") : catalog;
            return ProductionPort is { } production ? catalog.WithPort(DeployEnvironment.Production, production, "--production-port") : catalog;
        }
    }

    /// <summary>The environment called <paramref name="name"/>, as the catalog defines it.</summary>
    DeployEnvironment Typed(string name) => DefinedEnvironments.Find(name).Environment;

    /// <summary>True when the environments file, the port parameters and <c>--environment</c> are usable; otherwise a usage error saying what to write.</summary>
    bool EnvironmentsValid
    {
        get
        {
            try
            {
                return Typed(TargetEnvironment) is not null;
            }
            catch (EnvironmentCatalogException e)
            {
                throw new UsageException($"{e.Message}\nNothing was run.");
            }
        }
    }

    /// <summary>Inside a promotion, the gates always check staging, whatever --environment says.</summary>
    DeployEnvironment CheckedEnvironment => ExecutionPlan.Any(t => t.Name == nameof(PromoteToProduction)) ? DeployEnvironment.Staging : Typed(TargetEnvironment);

    Target Environments => _ => _
        .Description("List the environments (deploy/environments.json, else staging and production on this engine): hosts, port, host name, profile, compose files")
        .DependentFor(DeployStaging, SyncProductionData, HealthCheck, WorkflowTests, PromoteToProduction, Rollback, Maintenance, Unlock, DebugSnapshot)
        .Requires(() => EnvironmentsValid, "a valid deploy/environments.json, --staging-port, --production-port, and an --environment it defines")
        .Executes(() =>
        {
            var delivery = Delivery;
            foreach (var note in delivery.Environments.Notes)
                Log.Information("{Note:l}", note);
            Print(w => delivery.Environments.Write(w, delivery.RequestedProfile, delivery.DockerHost));
            ReportSummary("", delivery.Environments.Source is { } file ? $"{delivery.Environments.Names.Count} from {Path.GetFileName(file)}" : "defaults");
        });

    Target HealthCheck => _ => _
        .Description("Check every service of --environment: running, health, restarts, /health and /ready with latency")
        .DependsOn(Setup)
        .After(DeployStaging, SyncProductionData)
        .Executes(ct => Deliveries.HealthCheckAsync(CheckedEnvironment, Verbosity == Verbosity.Verbose, ct));
}
