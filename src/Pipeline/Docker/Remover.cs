using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Docker;

/// <summary>The one way the pipeline removes engine objects: forced, and a thing already gone counts as removed.</summary>
public static class Remover
{
    /// <summary>Removes container <paramref name="idOrName"/> (killing it if it runs); true when it existed.</summary>
    public static Task<bool> ContainerAsync(DockerClient client, string idOrName, bool removeVolumes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return IgnoreMissingAsync(() => client.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true, RemoveVolumes = removeVolumes }, cancellationToken));
    }

    /// <summary>Stops container <paramref name="idOrName"/> with a grace period; true when it existed.</summary>
    public static Task<bool> StopAsync(DockerClient client, string idOrName, TimeSpan grace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return IgnoreMissingAsync(() => client.Containers.StopContainerAsync(idOrName, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, cancellationToken));
    }

    /// <summary>Removes network <paramref name="id"/>; true when it existed.</summary>
    public static Task<bool> NetworkAsync(DockerClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return IgnoreMissingAsync(() => client.Networks.DeleteNetworkAsync(id, cancellationToken));
    }

    /// <summary>Removes volume <paramref name="name"/>; true when it existed.</summary>
    public static Task<bool> VolumeAsync(DockerClient client, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return IgnoreMissingAsync(() => client.Volumes.RemoveAsync(name, false, cancellationToken));
    }

    /// <summary>Runs <paramref name="remove"/>; a 404 from the engine means it was already gone (false).</summary>
    public static async Task<bool> IgnoreMissingAsync(Func<Task> remove)
    {
        ArgumentNullException.ThrowIfNull(remove);
        try
        {
            await remove();
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
