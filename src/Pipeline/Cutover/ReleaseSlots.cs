using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Compose;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Cutover;

/// <summary>
/// An environment's releases as Compose projects of their own (<see cref="ReleaseSlot"/>): created with the compose CLI,
/// then started, stopped, listed and pruned through the Engine API. Every slot shares the environment's data volume
/// (<c>APP_DATA_VOLUME</c>) and joins the edge proxy's network.
/// </summary>
/// <param name="settings">The environment.</param>
/// <param name="compose">The Compose tool, looked up only when a slot must be created (a rollback to a kept release never runs Compose).</param>
/// <param name="docker">The pipeline's engine client.</param>
/// <param name="edgeNetwork">The network the edge proxy reaches the services on; null: the slots join no proxy.</param>
/// <param name="log">Where to log.</param>
public sealed class ReleaseSlots(EnvironmentSettings settings, Func<CancellationToken, Task<ComposeTool>> compose, DockerClient docker, string? edgeNetwork, ILogger log)
{
    /// <summary>Slots created with <paramref name="compose"/>.</summary>
    public ReleaseSlots(EnvironmentSettings settings, ComposeTool compose, DockerClient docker, string? edgeNetwork, ILogger log)
        : this(settings, _ => Task.FromResult(compose), docker, edgeNetwork, log)
    {
    }

    /// <summary>The environment.</summary>
    public EnvironmentSettings Settings => settings;

    /// <summary>The engine the slots run on.</summary>
    public DockerClient Docker => docker;

    /// <summary>How long a stopping container gets to finish its requests.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The environment's slots, newest start first.</summary>
    public async Task<IReadOnlyList<ReleaseSlot>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await ProjectContainers.ListByPrefixAsync(docker, settings.ProjectName + ReleaseSlot.Separator, cancellationToken))
            .GroupBy(c => c.Project, StringComparer.Ordinal)
            .Select(g => new ReleaseSlot(g.Key, [.. g]))
            .OrderByDescending(s => s.StartedAt ?? DateTimeOffset.MinValue)];

    /// <summary>The slot of <paramref name="release"/>, or null when it has none.</summary>
    public async Task<ReleaseSlot?> FindAsync(Release release, CancellationToken cancellationToken)
    {
        var project = ReleaseSlot.ProjectFor(settings, release);
        return (await ListAsync(cancellationToken)).FirstOrDefault(s => s.Project == project);
    }

    /// <summary>
    /// Makes <paramref name="release"/>'s slot ready to start without touching what runs: a retained slot is reused as it is; a new
    /// one is created with <c>up --no-start --no-build</c> (which checks the compose files and pulls the images). Its services join
    /// the edge network.
    /// </summary>
    public async Task<ReleaseSlot> PrepareAsync(Release release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var project = ReleaseSlot.ProjectFor(settings, release);
        var slot = await FindAsync(release, cancellationToken);
        if (slot is not { Containers.Count: > 0 })
        {
            await UpAsync(project, release, cancellationToken);
            slot = await FindAsync(release, cancellationToken) ?? throw new EnvironmentException($"{project} has no containers after Compose created it.");
        }
        if (edgeNetwork is not null)
            foreach (var container in slot.Containers.Where(c => !c.Networks.Contains(edgeNetwork)))
                await docker.Networks.ConnectNetworkAsync(edgeNetwork, new NetworkConnectParameters { Container = container.Id }, cancellationToken);
        return slot;
    }

    /// <summary>Starts the containers of <paramref name="slot"/> that do not run now; returns the slot as it runs (with its addresses).</summary>
    public async Task<ReleaseSlot> StartAsync(ReleaseSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        foreach (var container in (await ProjectContainers.ListAsync(docker, slot.Project, cancellationToken)).Where(c => !c.IsRunning))
            await docker.Containers.StartContainerAsync(container.Id, new ContainerStartParameters(), cancellationToken);
        log.Information("Started {Project} ({Version})", slot.Project, slot.Version);
        return new ReleaseSlot(slot.Project, await ProjectContainers.ListAsync(docker, slot.Project, cancellationToken));
    }

    private async Task UpAsync(string project, Release release, CancellationToken cancellationToken)
    {
        var tool = await compose(cancellationToken);
        await new ComposeEnvironment(settings, tool, docker, log).ConfigAsync(release, cancellationToken);
        var command = ReleaseVariables.Command(settings, tool, log, project);
        var variables = ReleaseVariables.For(settings, release);
        string[] up = ["up", "--no-start", "--no-build"];
        log.Information("Creating {Version} ({Images}) in {Environment} as {Project}", release.Version, release.Describe(), settings.Name, project);
        var result = await command.RunAsync(variables, up, cancellationToken);
        if (!result.Succeeded)
            throw new EnvironmentException(
                $"Creating {release.Version} in {settings.Name} failed: '{command.Describe(up)}' exited with code {result.ExitCode}:\n{ComposeCommand.Said(result)}\n" +
                $"Nothing was switched: {settings.Name} still serves what it served. Fix what Compose says (an image missing from the registry: run {Commands.PushImages}), then run {settings.Environment.DeployCommand} again.");
    }

    /// <summary>Stops the running containers of <paramref name="slot"/>, each with <see cref="StopGrace"/> to finish its requests; keeps them.</summary>
    public async Task StopAsync(ReleaseSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        await Task.WhenAll(slot.Containers.Select(c => Remover.StopAsync(docker, c.Id, StopGrace, cancellationToken)));
        log.Information("Stopped {Project} ({Version}); kept for a rollback", slot.Project, slot.Version);
    }

    /// <summary>Removes the stopped slots beyond the newest <paramref name="keep"/>; running slots are never removed.</summary>
    public async Task<IReadOnlyList<ReleaseSlot>> PruneAsync(int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var stale = (await ListAsync(cancellationToken)).Where(s => !s.IsRunning).Skip(keep).ToList();
        foreach (var slot in stale)
            await ProjectTeardown.RunAsync(docker, slot.Project, removeVolumes: false, log, cancellationToken);
        return stale;
    }

    /// <summary>Removes <paramref name="slot"/>'s containers and network (the shared data volume stays).</summary>
    public Task RemoveAsync(ReleaseSlot slot, CancellationToken cancellationToken) =>
        ProjectTeardown.RunAsync(docker, (slot ?? throw new ArgumentNullException(nameof(slot))).Project, removeVolumes: false, log, cancellationToken);
}
