using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Delivery;
using Pipeline.Docker;

namespace EndToEnd.Tests;

/// <summary>
/// What a test site runs on the engine: its environments' release slots (Compose projects <c>&lt;prefix&gt;-&lt;environment&gt;-r-...</c>) and its own
/// edge proxy (<c>&lt;prefix&gt;-proxy</c>, so that no test touches another's or the machine's proxy), its deploy locks and audit volumes; and their removal.
/// </summary>
internal static class SiteEngine
{
    const string ProjectLabel = "com.docker.compose.project";

    /// <summary>The site's proxy.</summary>
    public static string ProxyName(string prefix) => $"{prefix}-proxy";

    /// <summary>The arguments that give a site its own proxy.</summary>
    public static string[] ProxyArguments(string prefix, int apiPort) => ["--proxy-name", ProxyName(prefix), "--proxy-api-port", apiPort.ToString()];

    /// <summary>The containers of environment project <paramref name="project"/> and of its release slots.</summary>
    public static async Task<IReadOnlyList<ContainerListResponse>> ContainersAsync(string project)
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        return [.. (await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = AnyProject }))
            .Where(c => c.Labels.TryGetValue(ProjectLabel, out var p) && (p == project || p.StartsWith(project + "-r-", StringComparison.Ordinal)))];
    }

    /// <summary>The running container of <paramref name="project"/>'s live release, or null.</summary>
    public static async Task<ContainerListResponse?> RunningAsync(string project) =>
        (await ContainersAsync(project)).FirstOrDefault(c => c.State == "running");

    /// <summary>Removes every container, network and volume of the site's Compose projects, and its proxy with its network and volume.</summary>
    public static async Task RemoveAsync(string prefix)
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        bool Ours(IDictionary<string, string>? labels) => labels is not null && labels.TryGetValue(ProjectLabel, out var p) && p.StartsWith(prefix + "-", StringComparison.Ordinal);
        foreach (var container in (await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = AnyProject })).Where(c => Ours(c.Labels)))
            await Remover.ContainerAsync(engine, container.ID, removeVolumes: false, CancellationToken.None);
        await Remover.ContainerAsync(engine, ProxyName(prefix), removeVolumes: false, CancellationToken.None);
        foreach (var network in (await engine.Networks.ListNetworksAsync(new NetworksListParameters { Filters = AnyProject })).Where(n => Ours(n.Labels)))
            await Remover.NetworkAsync(engine, network.ID, CancellationToken.None);
        await Remover.NetworkAsync(engine, $"{ProxyName(prefix)}-edge", CancellationToken.None);
        foreach (var volume in ((await engine.Volumes.ListAsync(new VolumesListParameters { Filters = AnyProject })).Volumes ?? []).Where(v => Ours(v.Labels)))
            await Remover.VolumeAsync(engine, volume.Name, CancellationToken.None);
        await Remover.VolumeAsync(engine, $"{ProxyName(prefix)}-config", CancellationToken.None);
        var state = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{TargetState.PrefixLabel}={prefix}"] = true } };
        foreach (var container in await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = state }))
            await Remover.ContainerAsync(engine, container.ID, removeVolumes: false, CancellationToken.None);
        foreach (var volume in (await engine.Volumes.ListAsync(new VolumesListParameters { Filters = state })).Volumes ?? [])
            await Remover.VolumeAsync(engine, volume.Name, CancellationToken.None);
        try
        {
            // The state image, unless a lock or helper of another site (or of the machine's own deployments) still uses it.
            await Remover.IgnoreMissingAsync(() => engine.Images.DeleteImageAsync(new TargetState(engine, prefix).Image, new ImageDeleteParameters()));
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>The site's deploy lock of <paramref name="environment"/> on the engine, or null when it is free.</summary>
    public static async Task<LockStatus?> LockAsync(string prefix, string environment = "production")
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        return await DeployLock.ReadAsync(new TargetState(engine, prefix), environment, CancellationToken.None);
    }

    static Dictionary<string, IDictionary<string, bool>> AnyProject => new() { ["label"] = new Dictionary<string, bool> { [ProjectLabel] = true } };
}
