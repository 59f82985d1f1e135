using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Environments;

namespace Pipeline.Proxy;

/// <summary>The engine objects of the proxy: its network, its configuration volume and its container.</summary>
internal sealed class ProxyContainer(DockerClient docker, ProxyOptions options)
{
    /// <summary>The label every proxy container carries.</summary>
    public const string Label = "org.app-pipeline.proxy";

    /// <summary>The container, or null when there is none.</summary>
    public async Task<ContainerInspectResponse?> InspectAsync(CancellationToken ct)
    {
        try
        {
            return await docker.Containers.InspectContainerAsync(options.ContainerName, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates the bridge network unless it exists; true when created.</summary>
    public async Task<bool> EnsureNetworkAsync(CancellationToken ct)
    {
        try
        {
            await docker.Networks.InspectNetworkAsync(options.NetworkName, ct);
            return false;
        }
        catch (DockerNetworkNotFoundException)
        {
            await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = options.NetworkName, Driver = "bridge", Labels = new Dictionary<string, string> { [Label] = "true" } }, ct);
            return true;
        }
    }

    /// <summary>Creates the configuration volume unless it exists (creating a named volume is idempotent).</summary>
    public Task EnsureVolumeAsync(CancellationToken ct) =>
        docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = options.VolumeName, Labels = new Dictionary<string, string> { [Label] = "true" } }, ct);

    /// <summary>Creates (does not start) the container publishing <paramref name="bindings"/> and the runtime API on 127.0.0.1.</summary>
    public async Task CreateAsync(IReadOnlyCollection<ProxyBinding> bindings, CancellationToken ct)
    {
        var all = bindings.Select(b => (Inside: b.Port, Outside: b.Port, b.Address)).Append((Inside: HaproxyConfig.ApiPort, Outside: options.ApiPort, Address: "127.0.0.1")).ToList();
        await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = options.ContainerName,
            Image = ProxyImage.Tag,
            Labels = new Dictionary<string, string> { [Label] = "true" },
            ExposedPorts = all.ToDictionary(p => Key(p.Inside), _ => new EmptyStruct()),
            HostConfig = new HostConfig
            {
                NetworkMode = options.NetworkName,
                PortBindings = all.ToDictionary(p => Key(p.Inside), p => (IList<PortBinding>)[new PortBinding { HostIP = p.Address, HostPort = p.Outside.ToString(CultureInfo.InvariantCulture) }]),
                Mounts = [new Mount { Type = "volume", Source = options.VolumeName, Target = ProxyImage.ConfigDirectory }],
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            },
        }, ct);
    }

    /// <summary>Starts the container.</summary>
    public Task StartAsync(CancellationToken ct) => docker.Containers.StartContainerAsync(options.ContainerName, new ContainerStartParameters(), ct);

    /// <summary>Removes the container at once (kept: the volume, so the record survives).</summary>
    public Task RemoveAsync(CancellationToken ct) => Remover.ContainerAsync(docker, options.ContainerName, removeVolumes: false, ct);

    /// <summary>Stops the container with HAProxy's soft stop (in-flight requests finish within <see cref="ProxyOptions.Drain"/>), then removes it.</summary>
    public async Task StopAndRemoveAsync(CancellationToken ct)
    {
        await Remover.StopAsync(docker, options.ContainerName, options.Drain, ct);
        await RemoveAsync(ct);
    }

    /// <summary>Asks HAProxy's master to reload its configuration (<c>SIGUSR2</c>): the old worker finishes its requests, the new one takes the listeners.</summary>
    public Task ReloadAsync(CancellationToken ct) => docker.Containers.KillContainerAsync(options.ContainerName, new ContainerKillParameters { Signal = "USR2" }, ct);

    /// <summary>The container's last log lines, for error messages.</summary>
    public async Task<string> LogTailAsync(CancellationToken ct) => string.Join("\n  ", await ContainerLogs.TailAsync(docker, options.ContainerName, 15, ct));

    /// <summary>The container ports published on the host, each with its host address.</summary>
    public static IReadOnlySet<ProxyBinding> Published(ContainerInspectResponse container) =>
        (container.HostConfig?.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
            .Select(p => (Port: int.Parse(p.Key.Split('/')[0], CultureInfo.InvariantCulture), p.Value))
            .Where(p => p.Port != HaproxyConfig.ApiPort)
            .SelectMany(p => (p.Value ?? []).Select(b => new ProxyBinding(string.IsNullOrEmpty(b.HostIP) ? "0.0.0.0" : b.HostIP, p.Port)))
            .ToHashSet();

    static string Key(int port) => $"{port.ToString(CultureInfo.InvariantCulture)}/tcp";
}
