using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Environments;

/// <summary>What a teardown removed, by name.</summary>
internal sealed record RemovedResources(IReadOnlyList<string> Containers, IReadOnlyList<string> Volumes, IReadOnlyList<string> Networks);

/// <summary>
/// Removes a Compose project and its release slots through the Engine API: containers (stopped with a grace period), networks, and
/// volumes when asked.
/// </summary>
internal static class ProjectTeardown
{
    public static async Task<RemovedResources> RunAsync(DockerClient client, string project, bool removeVolumes, ILogger log, CancellationToken ct)
    {
        var filter = ProjectContainers.AnyProject;
        bool Ours(IDictionary<string, string>? labels) => ProjectContainers.BelongsTo(labels, project);
        var containers = (await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct)).Where(c => Ours(c.Labels));
        var containerNames = await Task.WhenAll(containers.Select(c => RemoveContainerAsync(client, c, removeVolumes, log, ct)));
        var networks = new List<string>();
        foreach (var network in (await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, ct)).Where(n => Ours(n.Labels)))
        {
            await Remover.NetworkAsync(client, network.ID, ct);
            log.Information("Removed network {Network}", network.Name);
            networks.Add(network.Name);
        }
        var volumes = new List<string>();
        foreach (var volume in removeVolumes ? ((await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, ct)).Volumes ?? []).Where(v => Ours(v.Labels)) : [])
        {
            await Remover.VolumeAsync(client, volume.Name, ct);
            log.Information("Removed volume {Volume}", volume.Name);
            volumes.Add(volume.Name);
        }
        return new(containerNames, volumes, networks);
    }

    private static async Task<string> RemoveContainerAsync(DockerClient client, ContainerListResponse container, bool removeVolumes, ILogger log, CancellationToken ct)
    {
        var name = container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID[..12];
        if (container.State is "running" or "restarting" or "paused")
            await Remover.StopAsync(client, container.ID, TimeSpan.FromSeconds(10), ct);
        await Remover.ContainerAsync(client, container.ID, removeVolumes, ct);
        log.Information("Removed container {Container}", name);
        return name;
    }
}
