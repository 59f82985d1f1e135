using Pipeline.Containers;
using Pipeline.Images;
using Pipeline.Machine;
using Serilog;

namespace Pipeline.Environments;

/// <summary>
/// One environment as a Compose project on the engine: deploys a release with the compose CLI, and reads what runs
/// (state, health, release labels, ports) through the Engine API by the <c>com.docker.compose.project</c> label.
/// </summary>
public sealed class ComposeEnvironment(EnvironmentSettings settings, ComposeTool compose, ILogger log)
{
    private readonly ComposeCommand command = new(settings, compose, log);
    private readonly ComposeCommand quiet = new(settings, compose, Serilog.Core.Logger.None);

    /// <summary>The environment's settings.</summary>
    public EnvironmentSettings Settings => settings;

    /// <summary>
    /// Deploys <paramref name="release"/>: checks the compose files with <c>config -q</c> first (so a malformed file fails before
    /// anything changes), then runs <c>up -d --no-build --remove-orphans</c>. Returns once the containers started; follow with
    /// <see cref="WaitHealthyAsync"/>.
    /// </summary>
    public async Task UpAsync(DeployedRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        await CheckAsync(release, ["config", "-q"], cancellationToken);
        log.Information("Deploying {Image} ({Version}) to {Environment} as Compose project {Project} on 127.0.0.1:{Port} ({Profile} profile)",
            release.Image, release.Version, settings.Name, settings.ProjectName, settings.HostPort, settings.Profile);
        var up = await command.RunAsync(release, ["up", "-d", "--no-build", "--remove-orphans"], cancellationToken);
        if (!up.Succeeded)
            throw new EnvironmentException(
                $"Deploying {release.Image} to {settings.Name} failed: '{command.Describe("up", "-d", "--no-build", "--remove-orphans")}' exited with code {up.ExitCode}:\n" +
                $"{ComposeCommand.Said(up)}\nFix what it says (a port in use, an image missing from the registry: run ./build.sh PushImages), then run ./build.sh {settings.DeployTarget} again.");
    }

    /// <summary>
    /// Checks the compose files with the release's variables and returns the configuration Compose resolved (never logged:
    /// it holds the env files' secrets); throws, quoting Compose, when they are not valid.
    /// </summary>
    public async Task<string> ConfigAsync(DeployedRelease release, CancellationToken cancellationToken) =>
        (await CheckAsync(release, ["config"], cancellationToken)).StandardOutput;

    private async Task<Tools.ToolResult> CheckAsync(DeployedRelease release, string[] config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        settings.Check();
        var result = await quiet.RunAsync(release, config, cancellationToken);
        return result.Succeeded
            ? result
            : throw new EnvironmentException(
                $"The compose files of {settings.Name} are not valid, so nothing was changed. {compose.CommandLine} said:\n{ComposeCommand.Said(result)}\n" +
                $"Fix {string.Join(", ", settings.ComposeFiles.Select(Path.GetFileName))} in {Path.GetFullPath(settings.DeployDirectory)} and check with '{command.Describe("config", "-q")}'.");
    }

    /// <summary>Every container of the project (running or not) with its state, health, release labels and ports; empty when nothing is deployed.</summary>
    public async Task<EnvironmentStatus> StatusAsync(CancellationToken cancellationToken)
    {
        using var client = await Engine.ConnectAsync(cancellationToken);
        return new(settings.Name, settings.ProjectName, await ProjectContainers.ListAsync(client, settings.ProjectName, cancellationToken));
    }

    /// <summary>
    /// Waits until every container runs and Docker reports it healthy (a container without HEALTHCHECK counts once it kept running for 3 s). Fails fast,
    /// with the last 30 log lines of the failing container, when one exits, restarts or turns unhealthy, and when <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = await Engine.ConnectAsync(cancellationToken);
        await new HealthyWait(client, settings, log).RunAsync(timeout, cancellationToken);
    }

    /// <summary>
    /// Stops (10 s grace) and removes the project's containers and networks through the Engine API, so it works even when the compose
    /// files changed or broke since. Volumes, that is the data, are removed only when <paramref name="removeVolumes"/> is true.
    /// </summary>
    public async Task DownAsync(bool removeVolumes, CancellationToken cancellationToken)
    {
        using var client = await Engine.ConnectAsync(cancellationToken);
        await ProjectTeardown.RunAsync(client, settings.ProjectName, removeVolumes, log, cancellationToken);
    }

    /// <summary>The image reference running now, <c>repo@sha256:...</c> (built from the digest label when the container was created from a tag); null when nothing runs.</summary>
    public async Task<string?> CurrentImageAsync(CancellationToken cancellationToken) =>
        (await StatusAsync(cancellationToken)).Containers.FirstOrDefault(c => c.IsRunning) is not { } running ? null
        : running.Image.Contains('@', StringComparison.Ordinal) || running.Digest is null ? running.Image
        : $"{ImageReference.Parse(running.Image).Repository}@{running.Digest}";
}
