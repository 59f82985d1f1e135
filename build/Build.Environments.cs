using Pipeline;
using Pipeline.Environments;
using Pipeline.Health;
using Pipeline.Model;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Environment HealthCheck, WorkflowTests and Unlock act on: staging or production", Name = "Environment")]
    readonly EnvironmentChoice TargetEnvironment = EnvironmentChoice.Staging;

    [Parameter("Staging's port on 127.0.0.1")]
    readonly int StagingPort = 8081;

    [Parameter("Production's port on 127.0.0.1")]
    readonly int ProductionPort = 8080;

    [Parameter("laptop (CPU and memory limits, debug logs) or server (full resources); default: server when DOCKER_HOST is remote, else laptop")]
    readonly DeploymentProfile? DeployProfile;

    [Parameter("How long a deployment may take to become healthy")]
    readonly TimeSpan DeployTimeout = TimeSpan.FromSeconds(120);

    [Parameter("How long HealthCheck keeps retrying before it reports unhealthy")]
    readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Inside a promotion, the gates always check staging, whatever --environment says.</summary>
    DeployEnvironment CheckedEnvironment => ExecutionPlan.Any(t => t.Name == nameof(PromoteToProduction)) ? DeployEnvironment.Staging : Typed(TargetEnvironment);

    int PortOf(DeployEnvironment environment) => environment.IsProduction ? ProductionPort : StagingPort;

    Uri UrlOf(DeployEnvironment environment) => new($"http://127.0.0.1:{PortOf(environment)}");

    EnvironmentSettings Settings(DeployEnvironment environment) =>
        EnvironmentSettings.For(environment, EnvironmentPrefix ?? ImageName, PortOf(environment), DeploymentProfiles.Detect(DeployProfile), RootDirectory / "deploy")
            with { ContainerPort = ContainerPort };

    Task<ComposeEnvironment> EnvironmentAsync(DeployEnvironment environment, ILogger log, CancellationToken ct) =>
        Run.EnvironmentAsync(Settings(environment), log, ct);

    HealthOptions HealthSettings => new() { HealthPath = HealthPath, ReadyPath = ReadyPath, Timeout = HealthTimeout };

    Target HealthCheck => _ => _
        .Description("Check every service of --environment: running, health, restarts, /health and /ready with latency")
        .DependsOn(Setup)
        .After(DeployStaging, SyncProductionData)
        .Executes(async ct =>
        {
            using var log = AreaLog("health", "health-check");
            using var http = new HttpClient();
            var environment = CheckedEnvironment;
            var report = await new HealthChecker(await Run.DockerAsync(ct), http, log).CheckAsync(Settings(environment), HealthSettings, ct);
            Print(w => report.Write(w, Verbosity == Verbosity.Verbose));
            if (!report.Healthy)
                throw new BuildException($"{environment} is not healthy{(report.Message is null ? "" : ": " + report.Message)}. See the table above; {environment.HealthCommand.With(Commands.Flags.Verbosity, "verbose")} shows more.");
        });
}
