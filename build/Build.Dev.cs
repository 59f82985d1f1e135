using Pipeline.Development;
using Pipeline.Operations;
using Targets;

partial class Build
{
    [Parameter("Port of the app in the development environment, on 127.0.0.1")] readonly int DevPort = 8082;

    [Parameter("Port on 127.0.0.1 for a debugger server in the development container (container port 4024); vsdbg through docker exec needs none")] readonly int DevDebuggerPort = 4024;

    [Parameter("Source folder mounted into the development container (holds the service's .csproj); default: --context")] readonly string? DevSource;

    [Parameter("How long DevStart and DevRestart wait for the build inside the container and a healthy app")] readonly TimeSpan DevTimeout = TimeSpan.FromSeconds(300);

    [Parameter("DevLogs: the service whose log to show; default: the only one", Name = "Service")] readonly string? LogService;

    [Parameter("DevLogs: keep printing new lines until Ctrl-C")] readonly bool Follow;

    [Parameter("DevLogs: how many of the last lines to show")] readonly int Tail = 100;

    DevSettings Dev => new(EnvironmentPrefix ?? ImageName, ImageName, DevPort, DevDebuggerPort, RootDirectory / (DevSource ?? Context), RootDirectory, RootDirectory / "deploy")
    {
        ContainerPort = ContainerPort,
    };

    DevOperations DevLoop => new(Run, Dev);

    Target DevCheck => _ => _
        .Unlisted()
        .Description("Fail fast, before any build, on a bad source folder, port or compose file")
        .DependsOn(Setup)
        .Executes(ct => DevLoop.CheckAsync(ct));

    Target DevPackages => _ => _
        .Unlisted()
        .Description("Restore the mounted project on the host, so the container finds its packages offline")
        .DependsOn(DevCheck)
        .Executes(ct => DevLoop.RestorePackagesAsync(ct));

    Target DevImage => _ => _
        .Unlisted()
        .Description("Build the development image <image-name>:dev when it is missing or the Dockerfile's development stage changed")
        .DependsOn(Setup, CheckSettings, DevCheck)
        .Executes(ct => DevLoop.BuildImageAsync(Service, BaseImage, ct));

    Target DevStart => _ => _
        .Description("Start the development environment (source mounted, hot reload) on 127.0.0.1:--dev-port and wait until healthy")
        .DependsOn(DevPackages, DevImage)
        .Executes(ct => DevLoop.StartAsync(DevTimeout, ct));

    Target DevStop => _ => AfterSetup(_, "Stop the development environment (keeps its data and build output volumes)", ct => DevLoop.StopAsync(ct));

    Target DevRestart => _ => AfterSetup(_, "Restart the development container without rebuilding the image, and wait until healthy", ct => DevLoop.RestartAsync(DevTimeout, ct));

    Target DevStatus => _ => AfterSetup(_, "Print the development environment: service, state, health, ports, uptime, restarts, image", ct => DevLoop.StatusAsync(ct));

    Target DevLogs => _ => AfterSetup(_, "Print the development container's log, colored by level: --tail N (100), --follow, --service S", ct => DevLoop.LogsAsync(LogService, Tail, Follow, ct));

    Target DevClean => _ => AfterSetup(_, "Remove the development environment's containers, volumes and networks and the development images; asks nothing", ct => DevLoop.CleanAsync(ct));

    /// <summary>A development target that needs only the machine set up: its description, <c>DependsOn(Setup)</c>, its one call.</summary>
    ITargetDefinition AfterSetup(ITargetDefinition target, string description, Func<CancellationToken, Task> action) =>
        target.Description(description).DependsOn(Setup).Executes(action);
}
