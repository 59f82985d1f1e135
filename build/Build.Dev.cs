using Pipeline.Development;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Port of the app in the development environment, on 127.0.0.1")]
    readonly int DevPort = 8082;

    [Parameter("Port on 127.0.0.1 for a debugger server in the development container (container port 4024); vsdbg through docker exec needs none")]
    readonly int DevDebuggerPort = 4024;

    [Parameter("Source folder mounted into the development container (holds the service's .csproj); default: --context")]
    readonly string? DevSource;

    [Parameter("How long DevStart and DevRestart wait for the build inside the container and a healthy app")]
    readonly TimeSpan DevTimeout = TimeSpan.FromSeconds(300);

    [Parameter("DevLogs: the service whose log to show; default: the only one", Name = "Service")]
    readonly string? LogService;

    [Parameter("DevLogs: keep printing new lines until Ctrl-C")]
    readonly bool Follow;

    [Parameter("DevLogs: how many of the last lines to show")]
    readonly int Tail = 100;

    DevSettings Dev => new(EnvironmentPrefix ?? ImageName, ImageName, DevPort, DevDebuggerPort, RootDirectory / (DevSource ?? Context), RootDirectory, RootDirectory / "deploy")
    {
        ContainerPort = ContainerPort,
    };

    async Task<DevEnvironment> DevEnvironmentAsync(Serilog.ILogger log, CancellationToken ct) =>
        new(Dev, await Run.ComposeAsync(ct), await Run.DockerAsync(ct), log);

    Target DevCheck => _ => _
        .Unlisted()
        .Description("Fail fast, before any build, on a bad source folder, port or compose file")
        .DependsOn(Setup)
        .Executes(async ct => await (await DevEnvironmentAsync(Log.Logger, ct)).CheckAsync(ct));

    Target DevPackages => _ => _
        .Unlisted()
        .Description("Restore the mounted project on the host, so the container finds its packages offline")
        .DependsOn(DevCheck)
        .Executes(async ct =>
        {
            var restored = await new DevPackages(Dev, RootDirectory / ".nuke" / "temp" / "dev-restore" / Dev.ProjectName, Log.Logger).RestoreAsync(ct);
            ReportSummary("", restored ? "restored" : "up to date");
        });

    Target DevImage => _ => _
        .Unlisted()
        .Description("Build the development image <image-name>:dev when it is missing or the Dockerfile's development stage changed")
        .DependsOn(Setup, CheckSettings, DevCheck)
        .Executes(async ct =>
        {
            var fingerprint = DevStageFingerprint.Compute(Service.DockerfilePath, Service.ContextPath, BaseImage);
            var image = new DevImage(await Run.DockerAsync(ct), Log.Logger);
            if (await image.WhyBuildAsync(Dev, fingerprint, ct) is not { } why)
            {
                ReportSummary("", $"{Dev.Image} up to date");
                return;
            }
            Log.Information("Building the development image: {Why}", why);
            await ResolveBaseImagesAsync(ct);
            var id = await image.BuildAsync(Dev, Service.DockerfilePath, Service.ContextPath, fingerprint, Run.Built.BaseArguments, ct);
            ReportSummary(Dev.Image, id[7..19]);
        });

    Target DevStart => _ => _
        .Description("Start the development environment (source mounted, hot reload) on 127.0.0.1:--dev-port and wait until healthy")
        .DependsOn(DevPackages, DevImage)
        .Executes(async ct =>
        {
            using var log = AreaLog("development", "dev-start");
            var dev = await DevEnvironmentAsync(log, ct);
            await dev.UpAsync(ct);
            var took = await dev.WaitHealthyAsync(DevTimeout, ct);
            var status = await dev.StatusAsync(ct);
            Print(w => DevStatusTable.Write(w, status, DateTimeOffset.UtcNow));
            Print(w => DevGuide.Write(w, Dev, status));
            ReportSummary("", $"healthy on {Dev.Url} after {took.TotalSeconds:0} s");
        });

    Target DevStop => _ => _
        .Description("Stop the development environment (keeps its data and build output volumes)")
        .DependsOn(Setup)
        .Executes(async ct =>
        {
            using var log = AreaLog("development", "dev-stop");
            var stopped = await (await DevEnvironmentAsync(log, ct)).StopAsync(ct);
            ReportSummary("", stopped ? $"{Dev.ProjectName} stopped" : "was not running");
            if (!stopped)
                Log.Information("The development environment ({Project}) is not running: nothing to stop", Dev.ProjectName);
        });

    Target DevRestart => _ => _
        .Description("Restart the development container without rebuilding the image, and wait until healthy")
        .DependsOn(Setup)
        .Executes(async ct =>
        {
            using var log = AreaLog("development", "dev-restart");
            var took = await (await DevEnvironmentAsync(log, ct)).RestartAsync(DevTimeout, ct);
            ReportSummary("", $"healthy on {Dev.Url} after {took.TotalSeconds:0} s");
        });

    Target DevStatus => _ => _
        .Description("Print the development environment: service, state, health, ports, uptime, restarts, image")
        .DependsOn(Setup)
        .Executes(async ct =>
        {
            var status = await (await DevEnvironmentAsync(Log.Logger, ct)).StatusAsync(ct);
            Print(w => DevStatusTable.Write(w, status, DateTimeOffset.UtcNow));
        });

    Target DevLogs => _ => _
        .Description("Print the development container's log, colored by level: --tail N (100), --follow, --service S")
        .DependsOn(Setup)
        .Executes(async ct =>
        {
            var logs = new DevLogs(await Run.DockerAsync(ct), Dev);
            var container = await logs.FindAsync(LogService, ct);
            var color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
            await logs.WriteAsync(container.Id, Tail, Follow, line => Print(color ? LogLevels.Colorize(line) : line), ct);
        });

    Target DevClean => _ => _
        .Description("Remove the development environment's containers, volumes and networks and the development images; asks nothing")
        .DependsOn(Setup)
        .Executes(async ct =>
        {
            using var log = AreaLog("development", "dev-clean");
            var report = await new DevClean(await Run.DockerAsync(ct), Dev, log).RunAsync(ct);
            Print(w => report.Write(w, Dev.ProjectName));
            ReportSummary("", report.IsEmpty ? "nothing to remove" : $"{report.Containers.Count} container(s), {report.Volumes.Count} volume(s), {report.Networks.Count} network(s), {report.Images.Count} image(s)");
        });
}
