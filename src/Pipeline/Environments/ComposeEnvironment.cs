using Docker.DotNet;
using Pipeline.Compose;
using Pipeline.Images;
using Pipeline.Machine;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Environments;

/// <summary>
/// One environment as a Compose project on the engine: deploys a release with the compose CLI, and reads what runs
/// (state, health, release labels, ports) through the Engine API by the <c>com.docker.compose.project</c> label.
/// </summary>
/// <param name="settings">The environment and its Compose project.</param>
/// <param name="compose">The Compose tool.</param>
/// <param name="client">The pipeline's one engine client (not disposed here).</param>
/// <param name="log">Where to log.</param>
public sealed class ComposeEnvironment(EnvironmentSettings settings, ComposeTool compose, DockerClient client, ILogger log)
{
    private readonly ComposeCommand quiet = ReleaseVariables.Command(settings, compose, Serilog.Core.Logger.None);

    /// <summary>The environment's settings.</summary>
    public EnvironmentSettings Settings => settings;

    /// <summary>
    /// Checks the compose files with the release's variables and returns the configuration Compose resolved (never logged:
    /// it holds the env files' secrets); throws, quoting Compose, when they are not valid.
    /// </summary>
    public async Task<string> ConfigAsync(Release release, CancellationToken cancellationToken) =>
        (await CheckAsync(release, ["config"], cancellationToken)).StandardOutput;

    private async Task<Tools.ToolResult> CheckAsync(Release release, string[] config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        settings.Check();
        var result = await quiet.RunAsync(ReleaseVariables.For(settings, release), config, cancellationToken);
        return result.Succeeded
            ? result
            : throw new EnvironmentException(
                $"The compose files of {settings.Name} are not valid, so nothing was changed. {compose.CommandLine} said:\n{ComposeCommand.Said(result)}\n" +
                $"Fix {string.Join(", ", settings.ComposeFiles.Select(Path.GetFileName))} in {Path.GetFullPath(settings.DeployDirectory)} and check with '{quiet.Describe("config", "-q")}'.");
    }

    /// <summary>Every container of the project (running or not) with its state, health, release labels and ports; empty when nothing is deployed.</summary>
    public async Task<EnvironmentStatus> StatusAsync(CancellationToken cancellationToken) =>
        new(settings.Name, settings.ProjectName, await ProjectContainers.ServingAsync(client, settings.ProjectName, cancellationToken));

    /// <summary>
    /// Waits until every container runs and Docker reports it healthy (a container without HEALTHCHECK counts once it kept running for 3 s). Fails fast,
    /// with the last 30 log lines of the failing container, when one exits, restarts or turns unhealthy, and when <paramref name="timeout"/> passes.
    /// </summary>
    public Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        new HealthyWait(client, settings, log).RunAsync(timeout, cancellationToken);

    /// <summary>
    /// Stops (10 s grace) and removes the project's containers and networks through the Engine API, so it works even when the compose
    /// files changed or broke since. Volumes, that is the data, are removed only when <paramref name="removeVolumes"/> is true.
    /// </summary>
    public Task DownAsync(bool removeVolumes, CancellationToken cancellationToken) =>
        ProjectTeardown.RunAsync(client, settings.ProjectName, removeVolumes, log, cancellationToken);

    /// <summary>
    /// The release running now, read from the running containers' labels: the version and commit, and each service's image
    /// by digest (<c>repo@sha256:...</c>, built from the digest label when the container was created from a tag); null when nothing runs.
    /// </summary>
    public async Task<Release?> RunningReleaseAsync(CancellationToken cancellationToken) =>
        RunningRelease.Of((await StatusAsync(cancellationToken)).Containers);

    /// <summary>The image reference running now in the first running container, <c>repo@sha256:...</c>; null when nothing runs.</summary>
    public async Task<string?> CurrentImageAsync(CancellationToken cancellationToken) =>
        (await StatusAsync(cancellationToken)).Containers.FirstOrDefault(c => c.IsRunning) is { } running ? RunningRelease.ByDigest(running) : null;
}
