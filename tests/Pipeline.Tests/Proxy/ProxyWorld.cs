using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Proxy;
using Pipeline.Tests.Support;
using Serilog;

namespace Pipeline.Tests.Proxy;

/// <summary>
/// One test's proxy world, all names and ports unique: a proxy (<see cref="EdgeProxy"/>) with its own container, network, volume and
/// runtime API port, and busybox <c>httpd</c> upstreams on its network serving a version string. Disposing removes all of it
/// (the proxy image stays: it is a cache, like the base images).
/// </summary>
public sealed class ProxyWorld : IAsyncDisposable
{
    readonly List<string> upstreams = [];
    readonly BusyboxImage image;

    ProxyWorld(DockerClient docker, BusyboxImage image, ProxyOptions options, ILogger log, InMemorySink sink)
    {
        Docker = docker;
        this.image = image;
        Options = options;
        Log = sink;
        Proxy = new EdgeProxy(docker, options, log);
    }

    /// <summary>The engine client.</summary>
    public DockerClient Docker { get; }

    /// <summary>The proxy's unique names and ports.</summary>
    public ProxyOptions Options { get; }

    /// <summary>The proxy under test.</summary>
    public EdgeProxy Proxy { get; }

    /// <summary>What the proxy logged.</summary>
    public InMemorySink Log { get; }

    /// <summary>A unique id shared by every name in this world.</summary>
    public string Id => Options.ContainerName[^8..];

    /// <summary>Creates the world (nothing runs yet but the upstream image build).</summary>
    public static async Task<ProxyWorld> CreateAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var image = await BusyboxImage.BuildAsync("CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]");
        var (log, sink) = InMemorySink.CreateLogger();
        var options = new ProxyOptions
        {
            ContainerName = $"pt-proxy-{id}",
            NetworkName = $"pt-edge-{id}",
            VolumeName = $"pt-proxy-config-{id}",
            ApiPort = FreePort(),
            Drain = TimeSpan.FromSeconds(5),
        };
        return new ProxyWorld(await Engine.ConnectAsync(CancellationToken.None), image, options, log, sink);
    }

    /// <summary>A route with a unique name and a free port.</summary>
    public ProxyRoute Route(string name, string? hostName = null, int? port = null) => new($"{name}-{Id}", port ?? FreePort(), hostName);

    /// <summary>The proxy's URL for <paramref name="route"/>.</summary>
    public static Uri Url(ProxyRoute route) => new($"http://127.0.0.1:{route.Port}/");

    /// <summary>Starts an upstream serving <paramref name="version"/> on the proxy's network (port 8080) and returns it.</summary>
    public async Task<Upstream> UpstreamAsync(string version)
    {
        var name = $"pt-up-{version.ToLowerInvariant()}-{Id}";
        upstreams.Add(name);
        await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image.Tag,
            Entrypoint = ["sh", "-c", $"mkdir -p /www && echo {version} > /www/index.html && exec httpd -f -p 8080 -h /www"],
            HostConfig = new HostConfig { NetworkMode = Options.NetworkName },
        });
        return await StartAsync(name);
    }

    /// <summary>Starts (again) upstream <paramref name="name"/> and returns it with its current address.</summary>
    public async Task<Upstream> StartAsync(string name)
    {
        await Docker.Containers.StartContainerAsync(name, new ContainerStartParameters());
        var inspect = await Docker.Containers.InspectContainerAsync(name);
        return new Upstream(name, IPAddress.Parse(inspect.NetworkSettings!.Networks[Options.NetworkName].IPAddress), 8080);
    }

    /// <summary>Kills upstream <paramref name="name"/> at once.</summary>
    public Task StopAsync(string name) => Remover.StopAsync(Docker, name, TimeSpan.Zero, CancellationToken.None);

    /// <summary>GET <paramref name="route"/> once through the proxy, on a fresh connection.</summary>
    public static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> GetAsync(ProxyRoute route, string? host = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(route));
        if (host is not null)
            request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim(),
            response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
    }

    /// <summary>The number of sessions the proxy holds on <paramref name="route"/>'s backend now (<c>show stat</c>, column <c>scur</c>).</summary>
    public async Task<int> SessionsAsync(ProxyRoute route)
    {
        var lines = (await new RuntimeApi(Options.ApiPort, TimeSpan.FromSeconds(5)).SendAsync($"show stat {route.Name} 2 -1", CancellationToken.None)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var row = lines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == route.Name && f[1] == "BACKEND");
        return int.Parse(row[Array.IndexOf(header, "scur")], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A port free on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Removes the proxy container, the upstreams, the network, the volume and the upstream image.</summary>
    public async ValueTask DisposeAsync()
    {
        await Remover.ContainerAsync(Docker, Options.ContainerName, removeVolumes: false, CancellationToken.None);
        foreach (var upstream in upstreams)
            await Remover.ContainerAsync(Docker, upstream, removeVolumes: false, CancellationToken.None);
        await Remover.NetworkAsync(Docker, Options.NetworkName, CancellationToken.None);
        await Remover.VolumeAsync(Docker, Options.VolumeName, CancellationToken.None);
        await image.DisposeAsync();
        Docker.Dispose();
    }
}
