using Pipeline.Cutover;
using Pipeline.Data;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Pipeline.Health;
using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Proxy;
using Pipeline.Scenarios;
using Serilog;

namespace Pipeline.Operations;

/// <summary>The targets that deliver to and check an environment of <paramref name="delivery"/>: deploy staging, copy production's data, health, scenarios.</summary>
public sealed class DeliveryOperations(PipelineContext run, DeliveryOptions delivery)
{
    private PipelineSettings Settings => run.Settings;

    /// <summary>Deploys the digests of <paramref name="releaseFile"/> to staging, recorded on GitHub, and waits until healthy.</summary>
    public async Task DeployStagingAsync(string releaseFile, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("staging", "deploy");
        var release = ReleaseManifest.Read(releaseFile).ReleaseOf(Service.DefaultName);
        var steps = await StepsAsync(DeployEnvironment.Staging, log, cancellationToken);
        var request = DeploymentRequest.For(DeployEnvironment.Staging, release, delivery.UrlOf(DeployEnvironment.Staging));
        await (await run.GitHubAsync(log, cancellationToken)).RecordAsync(request, async () =>
        {
            if ((await steps.DeployAsync(release, cancellationToken)).Problem is { } problem)
                throw new OperationFailedException($"Deploying {release.Version} to staging failed: {problem}");
        });
        var staging = await PrimaryAsync(DeployEnvironment.Staging, log, cancellationToken);
        var status = await staging.Environment.StatusAsync(cancellationToken);
        run.Output.Print(w => status.Write(w));
        run.Output.Report("", $"{release.Version} on {delivery.RouteOf(staging.Environment.Settings).Binding}{staging.On}");
    }

    /// <summary>Copies production's data into staging, sanitized by the rules with <paramref name="salt"/> (null: the machine's); nothing when production has no data yet.</summary>
    public async Task SyncProductionDataAsync(string? salt, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("staging", "sync");
        var rules = SanitizationRules.Load(Settings.SanitizeRules);
        var production = await PrimaryAsync(DeployEnvironment.Production, log, cancellationToken);
        if (await RunningAsync(production, cancellationToken) is not { } from)
        {
            log.Information("Production has no data yet (nothing is deployed there{On}); nothing copied", production.On);
            run.Output.Report("", "production has no data yet; nothing copied");
            return;
        }
        var staging = await PrimaryAsync(DeployEnvironment.Staging, log, cancellationToken);
        var to = await RunningAsync(staging, cancellationToken)
            ?? throw new OperationFailedException($"Staging has no running container{staging.On} to copy into: run {Commands.DeployStaging} first.");
        log.Information("Copying production's data from {From} on host {FromHost} into staging's {To} on host {ToHost}",
            from.Name, production.Connection.Host.Name, to.Name, staging.Connection.Host.Name);
        var report = await new DataSync(production.Connection.Client, staging.Connection.Client, log)
            .CopyAsync(from.Id, to.Id, rules, salt ?? MachineSalt.ReadOrCreate(MachineSalt.DefaultPath), Settings.WorkDirectory, cancellationToken);
        await (await StepsAsync(DeployEnvironment.Staging, log, cancellationToken)).RepointAsync(cancellationToken);
        log.Information("{Message}", report.Message);
        if (report.Sanitization is { } sanitized)
            run.Output.Print(sanitized.Describe());
        run.Output.Report("", report.Message);
    }

    /// <summary>Checks every service of <paramref name="environment"/>; throws naming the next command when it is not healthy.</summary>
    public async Task HealthCheckAsync(DeployEnvironment environment, bool verbose, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("health", "health-check");
        var report = await CheckHealthAsync(environment, log, cancellationToken);
        run.Output.Print(w => report.Write(w, verbose));
        var proxy = await ProxyStateAsync(environment, log, cancellationToken);
        run.Output.Print(proxy);
        if (!report.Healthy)
            throw new OperationFailedException($"{environment} is not healthy{Detail(report)}. See the table above; {environment.HealthCommand.With(Commands.Flags.Verbosity, "verbose")} shows more.");
    }

    /// <summary>One line per host on what its edge proxy does with <paramref name="environment"/>'s port: the container it serves, and maintenance.</summary>
    private async Task<string> ProxyStateAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken)
    {
        var settings = delivery.Environment(environment, Settings.DeployDirectory);
        var route = delivery.RouteOf(settings);
        var hosts = new EnvironmentHosts(run, delivery, log);
        var lines = await hosts.EachAsync(settings, async (connection, token) =>
        {
            var on = connection.Host.Kind == HostKind.Local ? "" : $" on {connection.Host.Name}";
            try
            {
                var state = await (await hosts.ProxyAsync(connection, token)).StateAsync(route.Name, token);
                return $"Proxy {delivery.Proxy.ContainerName}{on}: {route.Binding} -> {state.Target?.ToString() ?? "no container yet"}" +
                    (state.Maintenance is { } m ? $"; MAINTENANCE ON: 503 \"{m.Message}\" (Retry-After {m.RetryAfterSeconds} s)" : "; maintenance off");
            }
            catch (ProxyException e)
            {
                return $"Proxy {delivery.Proxy.ContainerName}{on}: {e.Message}";
            }
        }, cancellationToken);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// Runs the scenarios of deploy/workflows against <paramref name="environment"/> through its first host's edge proxy (over an SSH forward for a
    /// server); throws when one fails.
    /// </summary>
    public async Task ScenariosAsync(DeployEnvironment environment, bool smokeOnly, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("testing", "workflow-test");
        var settings = delivery.Environment(environment, Settings.DeployDirectory);
        var hosts = new EnvironmentHosts(run, delivery, log);
        var primary = await hosts.PrimaryAsync(settings, cancellationToken);
        var url = await hosts.ReachAsync(primary.Connection, hosts.ProxyAddress(settings), cancellationToken);
        log.Information("Workflow tests reach {Environment} through the edge proxy{On}: {Url}", environment.Name, primary.On, hosts.ProxyAddress(settings));
        var report = await RunScenariosAsync(environment, smokeOnly, url, log, cancellationToken);
        if (!report.Passed)
            throw new OperationFailedException($"Workflow tests failed on {environment}: {report.Summary}. See the table above and {ScenarioReport.ArtifactPath(Settings.ArtifactsDirectory, environment.Name)}.");
    }

    /// <summary>Checks the health of <paramref name="environment"/>'s services on every host (rows named after their host when there are several).</summary>
    internal async Task<HealthReport> CheckHealthAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken, HealthOptions? options = null)
    {
        using var http = new HttpClient();
        var settings = delivery.Environment(environment, Settings.DeployDirectory);
        var hosts = new EnvironmentHosts(run, delivery, log);
        var several = settings.Environment.Hosts.Count > 1;
        var reports = await hosts.EachAsync(settings, async (connection, token) =>
        {
            var checker = new HealthChecker(connection.Client, http, log) { Reach = (address, t) => hosts.ReachAsync(connection, address, t) };
            var report = await checker.CheckAsync(settings, options ?? delivery.Health, token);
            return several ? report with { Rows = [.. report.Rows.Select(r => r with { Container = r.Container with { Name = $"{connection.Host.Name}: {r.Container.Name}" } })] } : report;
        }, cancellationToken);
        return reports.Count == 1 ? reports[0] : new HealthReport(settings.Name, settings.ProjectName, [.. reports.SelectMany(r => r.Rows)], reports.Max(r => r.Attempts), reports.Max(r => r.Elapsed))
        {
            Message = reports.FirstOrDefault(r => r.Message is not null)?.Message,
        };
    }

    /// <summary>
    /// How releases reach <paramref name="environment"/>: each in its own slot behind the edge proxy, checked directly (health, then the smoke
    /// scenarios in production) before the proxy switches to it, health-checked through the proxy afterwards.
    /// </summary>
    internal async Task<CutoverSteps> StepsAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken)
    {
        var settings = delivery.Environment(environment, Settings.DeployDirectory);
        settings.Check();
        var backups = new BackupStore(Path.Combine(Settings.RootDirectory, "backups", settings.ProjectName));
        var parts = await new EnvironmentHosts(run, delivery, log).PartsAsync(settings, cancellationToken);
        return new CutoverSteps(delivery.App, parts, run.RollbackPoints(log), backups, log)
        {
            Parallelism = delivery.Parallelism,
            DeployTimeout = delivery.DeployTimeout,
            Retain = delivery.KeepReleases,
            Smoke = environment.IsProduction ? (_, url, token) => SmokeAsync(environment, url, log, token) : (_, _, _) => Task.FromResult(Verdict.Pass),
            Verify = token => VerifyHealthAsync(environment, log, token),
            Pause = (point, token) => Testing.TestPause.AtAsync(point, log, token),
        };
    }

    private async Task<Verdict> SmokeAsync(DeployEnvironment environment, Uri url, ILogger log, CancellationToken cancellationToken)
    {
        var smoke = await RunScenariosAsync(environment, smokeOnly: true, url, log, cancellationToken);
        return smoke.Passed ? Verdict.Pass : Verdict.Fail($"smoke workflow tests failed: {smoke.Summary}");
    }

    /// <summary>
    /// The check after a switch: the new release already answered directly, so a few quick looks decide (a failure here switches back while
    /// the proxy holds requests, which must not outlast the hold).
    /// </summary>
    private async Task<Verdict> VerifyHealthAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken)
    {
        var health = await CheckHealthAsync(environment, log, cancellationToken, delivery.Health with { Retries = 3, Interval = TimeSpan.FromMilliseconds(500), DockerHealthCounts = false });
        run.Output.Print(w => health.Write(w, verbose: false));
        return health.Healthy ? Verdict.Pass : Verdict.Fail($"{environment} is not healthy{Detail(health)}");
    }

    /// <summary>Runs the scenarios against <paramref name="environment"/> at <paramref name="url"/> (with its host name if it has one), prints and writes the report.</summary>
    internal async Task<ScenarioReport> RunScenariosAsync(DeployEnvironment environment, bool smokeOnly, Uri url, ILogger log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Host = delivery.Environments[environment].Environment.HostName;
        var scenarios = ScenarioLoader.LoadAll(Path.Combine(Settings.DeployDirectory, "workflows"));
        var options = new ScenarioRunOptions { SmokeOnly = smokeOnly, EnvironmentName = environment.Name };
        var report = await new ScenarioRunner(http, log, run.Masker).RunAsync(scenarios, options, cancellationToken);
        run.Output.Print(w => report.Write(w));
        report.WriteJson(ScenarioReport.ArtifactPath(Settings.ArtifactsDirectory, environment.Name));
        run.Output.Report("", report.Summary);
        return report;
    }

    /// <summary>The message of an unhealthy report, as a suffix.</summary>
    internal static string Detail(HealthReport report) => report.Message is null ? "" : ": " + report.Message;

    /// <summary><paramref name="environment"/> on its primary (first) host.</summary>
    internal Task<PrimaryHost> PrimaryAsync(DeployEnvironment environment, ILogger log, CancellationToken cancellationToken) =>
        new EnvironmentHosts(run, delivery, log).PrimaryAsync(delivery.Environment(environment, Settings.DeployDirectory), cancellationToken);

    private static async Task<ContainerStatus?> RunningAsync(PrimaryHost host, CancellationToken cancellationToken) =>
        (await host.Environment.StatusAsync(cancellationToken)).Containers.FirstOrDefault(c => c.IsRunning);
}
