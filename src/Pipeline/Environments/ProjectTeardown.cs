using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Environments;

/// <summary>Removes a Compose project through the Engine API: containers (stopped with a grace period), networks, and volumes when asked.</summary>
internal static class ProjectTeardown
{
    public static async Task RunAsync(DockerClient client, string project, bool removeVolumes, ILogger log, CancellationToken ct)
    {
        var filter = ProjectContainers.Filter(project);
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct);
        await Task.WhenAll(containers.Select(c => RemoveContainerAsync(client, c, removeVolumes, log, ct)));
        foreach (var network in await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, ct))
        {
            await Ignore404(() => client.Networks.DeleteNetworkAsync(network.ID, ct));
            log.Information("Removed network {Network}", network.Name);
        }
        if (!removeVolumes)
            return;
        foreach (var volume in (await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, ct)).Volumes ?? [])
        {
            await Ignore404(() => client.Volumes.RemoveAsync(volume.Name, false, ct));
            log.Information("Removed volume {Volume}", volume.Name);
        }
    }

    private static async Task RemoveContainerAsync(DockerClient client, ContainerListResponse container, bool removeVolumes, ILogger log, CancellationToken ct)
    {
        var name = container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID;
        if (container.State is "running" or "restarting" or "paused")
            await Ignore404(() => client.Containers.StopContainerAsync(container.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, ct));
        await Ignore404(() => client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = removeVolumes }, ct));
        log.Information("Removed container {Container}", name);
    }

    private static async Task Ignore404(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}
