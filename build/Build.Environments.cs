using Pipeline.Environments;
using Pipeline.Model;
using Targets;

partial class Build
{
    [Parameter("Environment HealthCheck, WorkflowTests and Unlock act on: staging or production", Name = "Environment")] readonly EnvironmentChoice TargetEnvironment = EnvironmentChoice.Staging;

    [Parameter("Staging's port on 127.0.0.1")] readonly int StagingPort = 8081;

    [Parameter("Production's port on 127.0.0.1")] readonly int ProductionPort = 8080;

    [Parameter("laptop (CPU and memory limits, debug logs) or server (full resources); default: server when DOCKER_HOST is remote, else laptop")] readonly DeploymentProfile? DeployProfile;

    [Parameter("How long a deployment may take to become healthy")] readonly TimeSpan DeployTimeout = TimeSpan.FromSeconds(120);

    [Parameter("How long HealthCheck keeps retrying before it reports unhealthy")] readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    [Parameter("The edge proxy container on this engine; its network and configuration volume are named after it")] readonly string ProxyName = "app-pipeline-proxy";

    [Parameter("Port of the edge proxy's runtime API on 127.0.0.1")] readonly int ProxyApiPort = 8404;

    [Parameter("How many stopped releases each environment keeps for an instant rollback")] readonly int KeepReleases = 3;

    /// <summary>Inside a promotion, the gates always check staging, whatever --environment says.</summary>
    DeployEnvironment CheckedEnvironment => ExecutionPlan.Any(t => t.Name == nameof(PromoteToProduction)) ? DeployEnvironment.Staging : Typed(TargetEnvironment);

    Target HealthCheck => _ => _
        .Description("Check every service of --environment: running, health, restarts, /health and /ready with latency")
        .DependsOn(Setup)
        .After(DeployStaging, SyncProductionData)
        .Executes(ct => Deliveries.HealthCheckAsync(CheckedEnvironment, Verbosity == Verbosity.Verbose, ct));
}
