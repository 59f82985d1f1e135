using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Compose;
using Pipeline.Cutover;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Machine;
using Pipeline.Model;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Environments;

/// <summary>A uniquely named environment (project <c>pt-&lt;guid8&gt;-&lt;name&gt;</c>, a free host port) that is taken down with its volumes on dispose.</summary>
internal sealed class TestEnvironment : IAsyncDisposable
{
    TestEnvironment(EnvironmentSettings settings, ComposeTool compose, DockerClient client)
    {
        Settings = settings;
        (Logger, Sink) = InMemorySink.CreateLogger();
        Client = client;
        Environment = new ComposeEnvironment(settings, compose, client, Logger);
        Slots = new ReleaseSlots(settings, compose, client, edgeNetwork: null, Logger);
    }

    /// <summary>The environment's release slots (no proxy in front).</summary>
    public ReleaseSlots Slots { get; }

    /// <summary>Creates and starts <paramref name="release"/>'s slot, as a cutover does before it switches the proxy.</summary>
    public async Task DeployAsync(Release release) =>
        await Slots.StartAsync(await Slots.PrepareAsync(release, CancellationToken.None), CancellationToken.None);

    public EnvironmentSettings Settings { get; }
    public ComposeEnvironment Environment { get; }
    public DockerClient Client { get; }
    public Serilog.ILogger Logger { get; }
    public InMemorySink Sink { get; }

    public static string DeployDirectory => Path.Combine(TestMachine.RepositoryRoot, "deploy");

    public static async Task<TestEnvironment> CreateAsync(string name = "staging", string? deployDirectory = null, DeploymentProfile profile = DeploymentProfile.Laptop)
    {
        var compose = await ComposeTool.DetectAsync() ?? throw new InvalidOperationException("No Compose tool found: run ./build.sh Setup.");
        var settings = new EnvironmentSettings(DeployEnvironment.Named(name), $"pt-{Guid.NewGuid():N}"[..11] + $"-{name}", TestMachine.FreePort(), profile, deployDirectory ?? DeployDirectory);
        return new TestEnvironment(settings, compose, await Engine.ConnectAsync(CancellationToken.None));
    }

    /// <summary>Containers, networks and volumes still labelled with the project.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.docker.compose.project"] = true } };
        bool Ours(IDictionary<string, string>? labels) => labels?.TryGetValue("com.docker.compose.project", out var p) == true && (p == Settings.ProjectName || p.StartsWith(Settings.ProjectName + "-r-", StringComparison.Ordinal));
        var containers = (await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter })).Where(c => Ours(c.Labels));
        var networks = (await Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter })).Where(n => Ours(n.Labels));
        var volumes = ((await Client.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? []).Where(v => Ours(v.Labels));
        return [.. containers.Select(c => $"container {c.Names.FirstOrDefault()}"), .. networks.Select(n => $"network {n.Name}"), .. volumes.Select(v => $"volume {v.Name}")];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Environment.DownAsync(removeVolumes: true, CancellationToken.None);
        }
        finally
        {
            Client.Dispose();
        }
    }
}
