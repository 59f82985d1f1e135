using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Compose;
using Pipeline.Environments;
using Pipeline.Machine;
using Serilog;

namespace Pipeline.Development;

/// <summary>
/// The development environment as a Compose project: started with the compose CLI (base file plus <c>compose.development.yaml</c>),
/// inspected, restarted and stopped through the Engine API with the code the other environments use.
/// </summary>
public sealed class DevEnvironment(DevSettings settings, ComposeTool compose, DockerClient client, ILogger log)
{
    private readonly DevCompose command = new(settings, compose, log);
    private readonly ComposeEnvironment environment = new(settings.Environment, compose, client, log);

    /// <summary>The settings.</summary>
    public DevSettings Settings => settings;

    /// <summary>Checks the settings, the ports and the compose files; throws a <see cref="DevException"/> saying what to fix. Changes nothing.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        settings.Check();
        await PortCheck.RequireFreeAsync(client, settings.HostPort, settings.ProjectName, "--dev-port", cancellationToken);
        await PortCheck.RequireFreeAsync(client, settings.DebuggerPort, settings.ProjectName, "--dev-debugger-port", cancellationToken);
        await command.RunCheckedAsync(["config", "-q"], $"Fix compose.development.yaml in {Path.GetFullPath(settings.DeployDirectory)}; nothing was started.", cancellationToken);
    }

    /// <summary>
    /// Runs <see cref="CheckAsync"/> (nothing changes when something is wrong), then <c>up -d --no-build --remove-orphans</c>;
    /// an environment already running is recreated only when its settings changed.
    /// </summary>
    public async Task UpAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        log.Information("Starting {Project}: {Image} with {Source} mounted at /src, on {Url}", settings.ProjectName, settings.Image, Path.GetFullPath(settings.SourceDirectory), settings.Url);
        await command.RunCheckedAsync(["up", "-d", "--no-build", "--remove-orphans"], $"Fix what it says, then run {Commands.DevStart} again.", cancellationToken);
    }

    /// <summary>Waits until the app is healthy (the first start builds inside the container), logging progress; returns how long it took.</summary>
    public Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        new DevWait(client, environment, settings, log).RunAsync(timeout, cancellationToken);

    /// <summary>Every container of the project, running or not.</summary>
    public Task<EnvironmentStatus> StatusAsync(CancellationToken cancellationToken) => environment.StatusAsync(cancellationToken);

    /// <summary>Stops and removes the containers and network, keeping the volumes (data, build output); false when nothing was there.</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        if ((await StatusAsync(cancellationToken)).IsEmpty)
            return false;
        await environment.DownAsync(removeVolumes: false, cancellationToken);
        return true;
    }

    /// <summary>Restarts every container (no image build, no recreation: the build output stays), then waits until healthy.</summary>
    public async Task<TimeSpan> RestartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(cancellationToken);
        if (status.IsEmpty)
            throw new DevException($"Nothing to restart: the development environment ({settings.ProjectName}) is not running. Run {Commands.DevStart}.");
        foreach (var container in status.Containers)
        {
            log.Information("Restarting {Container}", container.Name);
            await client.Containers.RestartContainerAsync(container.Id, new ContainerRestartParameters { WaitBeforeKillSeconds = 10 }, cancellationToken);
        }
        return await WaitHealthyAsync(timeout, cancellationToken);
    }
}
