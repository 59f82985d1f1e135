using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Delivery;
using Pipeline.Docker;

namespace Pipeline.Tests.Delivery;

/// <summary>
/// A target engine for one test: the local engine, a unique prefix and a state image of its own; removes every lock container,
/// audit helper and audit volume of the prefix, and the image, at the end.
/// </summary>
public sealed class TestTarget : IAsyncDisposable
{
    TestTarget(DockerClient docker, string prefix)
    {
        Docker = docker;
        Prefix = prefix;
    }

    public DockerClient Docker { get; }

    public string Prefix { get; }

    /// <summary>The state of this test's prefix on the local engine, with a lease of <paramref name="lease"/> (default: the product's).</summary>
    public TargetState State(TimeSpan? lease = null, TimeSpan? later = null) =>
        new(Docker, Prefix) { Image = $"app-pipeline-test/state:{Prefix}", Lease = lease ?? TargetState.DefaultLease, Clock = later is { } by ? new LaterClock(by) : TimeProvider.System };

    /// <summary>The same state through another engine client, as another machine would see it.</summary>
    public static async Task<TargetState> ElsewhereAsync(TargetState state) => state with { Docker = await Engine.ConnectAsync(CancellationToken.None) };

    public static async Task<TestTarget> CreateAsync() => new(await Engine.ConnectAsync(CancellationToken.None), "t" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>The containers of this prefix (lock and helpers), running or not.</summary>
    public async Task<IList<ContainerListResponse>> ContainersAsync() =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Ours });

    public async ValueTask DisposeAsync()
    {
        foreach (var container in await ContainersAsync())
            await Remover.ContainerAsync(Docker, container.ID, removeVolumes: false, CancellationToken.None);
        foreach (var volume in (await Docker.Volumes.ListAsync(new VolumesListParameters { Filters = Ours })).Volumes ?? [])
            await Remover.VolumeAsync(Docker, volume.Name, CancellationToken.None);
        await Remover.IgnoreMissingAsync(() => Docker.Images.DeleteImageAsync(State().Image, new ImageDeleteParameters { Force = true }));
        Docker.Dispose();
    }

    Dictionary<string, IDictionary<string, bool>> Ours => new() { ["label"] = new Dictionary<string, bool> { [$"{TargetState.PrefixLabel}={Prefix}"] = true } };

    /// <summary>A clock <paramref name="by"/> ahead of the real one: how a lease looks once that much time has passed.</summary>
    sealed class LaterClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }
}
