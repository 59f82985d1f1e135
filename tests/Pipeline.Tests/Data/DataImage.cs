using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

/// <summary>
/// A busybox stand-in for the sample service: sleeps as uid 10001 with <c>/data</c> owned by 10001 on a named volume,
/// like the real app. Built once per test class; every container and volume it made is removed on dispose.
/// </summary>
public sealed class DataImage : IAsyncLifetime
{
    BusyboxImage? image;
    readonly List<(string Container, string Volume)> created = [];

    public DockerClient Client => image!.Client;

    public async Task InitializeAsync() =>
        image = await BusyboxImage.BuildAsync("RUN mkdir /data && chown 10001:10001 /data\nSTOPSIGNAL SIGKILL\nUSER 10001\nCMD [\"sleep\", \"3600\"]");

    /// <summary>A new running container with its own empty data volume.</summary>
    public async Task<string> StartAsync(string purpose)
    {
        var name = $"data-test-{purpose}-{Guid.NewGuid():N}"[..40];
        var volume = $"{name}-data";
        var container = await Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image!.Tag,
            HostConfig = new HostConfig { Mounts = [new Mount { Type = "volume", Source = volume, Target = "/data" }] },
        });
        lock (created)
            created.Add((container.ID, volume));
        await Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
        return container.ID;
    }

    public async Task<ContainerInspectResponse> InspectAsync(string id) => await Client.Containers.InspectContainerAsync(id);

    public async Task DisposeAsync()
    {
        foreach (var (container, volume) in created)
        {
            await Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
            try
            {
                await Client.Volumes.RemoveAsync(volume, force: true);
            }
            catch (DockerApiException)
            {
            }
        }
        if (image is not null)
            await image.DisposeAsync();
    }
}
