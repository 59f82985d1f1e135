using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Compose;
using Pipeline.Cutover;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Proxy;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cutover;

/// <summary>
/// A production environment of busybox <c>httpd</c> releases behind a proxy of its own (unique container, network, volume and ports), with its
/// compose files in a temporary folder. Everything it made is removed on dispose; the images too.
/// </summary>
internal sealed class CutoverSite : IAsyncDisposable
{
    const string ComposeFile = """
        services:
          app:
            image: ${APP_IMAGE}
            stop_grace_period: 5s
            volumes:
              - data:/data
            labels:
              org.app-pipeline.version: "${APP_VERSION}"
              org.app-pipeline.revision: "${APP_COMMIT}"
              org.app-pipeline.digest: "${APP_DIGEST}"
              org.app-pipeline.environment: "${APP_ENVIRONMENT}"
        volumes:
          data:
            name: ${APP_DATA_VOLUME}
        """;

    readonly string id = Guid.NewGuid().ToString("N")[..8];
    readonly List<BusyboxImage> images = [];
    readonly string directory = Directory.CreateTempSubdirectory("cutover-site-").FullName;

    CutoverSite(DockerClient docker, ComposeTool compose)
    {
        Docker = docker;
        (Logger, Sink) = InMemorySink.CreateLogger();
        WriteComposeFiles(directory);
        Settings = new EnvironmentSettings(DeployEnvironment.Production, $"pt-{id}-production", TestMachine.FreePort(), DeploymentProfile.Server, directory);
        Proxy = new EdgeProxy(docker, new ProxyOptions
        {
            ContainerName = $"pt-{id}-proxy",
            NetworkName = $"pt-{id}-edge",
            VolumeName = $"pt-{id}-proxy-config",
            ApiPort = TestMachine.FreePort(),
        }, Logger);
        Route = new ProxyRoute($"pt-{id}-production", Settings.HostPort);
        Slots = new ReleaseSlots(Settings, compose, docker, Proxy.Options.NetworkName, Logger) { StopGrace = TimeSpan.FromSeconds(5) };
    }

    public DockerClient Docker { get; }
    public Serilog.ILogger Logger { get; }
    public InMemorySink Sink { get; }
    public EnvironmentSettings Settings { get; }
    public EdgeProxy Proxy { get; }
    public ProxyRoute Route { get; }
    public ReleaseSlots Slots { get; }

    /// <summary>What production serves, through the proxy.</summary>
    public Uri Url => new($"http://127.0.0.1:{Settings.HostPort}/version");

    public static async Task<CutoverSite> CreateAsync()
    {
        var compose = await ComposeTool.DetectAsync() ?? throw new InvalidOperationException("No Compose tool found: run ./build.sh Setup.");
        return new CutoverSite(await Engine.ConnectAsync(CancellationToken.None), compose);
    }

    /// <summary>The steps for the site's one service; <paramref name="singleWriter"/> as the sample's SQLite service.</summary>
    public CutoverSteps Steps(bool singleWriter = false, Func<string, CancellationToken, Task>? pause = null, TimeSpan? timeout = null) =>
        new(ServiceOf(singleWriter), [Part(singleWriter)], new RollbackPoints(directory, Logger), new BackupStore(Path.Combine(directory, "backups")), Logger)
        {
            DeployTimeout = timeout ?? TimeSpan.FromSeconds(60),
            Pause = pause ?? ((_, _) => Task.CompletedTask),
        };

    /// <summary>A cutover over this site (host "a") and <paramref name="others"/> (hosts "b", "c", ...), each with its own proxy: a fleet on one engine.</summary>
    public CutoverSteps Fleet(IReadOnlyList<CutoverSite> others, bool singleWriter = false, Func<Host, Uri, CancellationToken, Task<Verdict>>? smoke = null, TimeSpan? timeout = null) =>
        new(ServiceOf(singleWriter), [Part(singleWriter, "a"), .. others.Select((o, i) => o.Part(singleWriter, ((char)('b' + i)).ToString()))],
            new RollbackPoints(directory, Logger), new BackupStore(Path.Combine(directory, "backups")), Logger)
        {
            DeployTimeout = timeout ?? TimeSpan.FromSeconds(60),
            Smoke = smoke ?? ((_, _, _) => Task.FromResult(Verdict.Pass)),
        };

    /// <summary>The site as one host of a cutover, named <paramref name="name"/>.</summary>
    public HostCutover Part(bool singleWriter = false, string name = "local") =>
        new(name == "local" ? Host.Local : new Host(name, new Uri("ssh://" + name)), ServiceOf(singleWriter), Slots, Proxy, Route, Logger);

    private static Service ServiceOf(bool singleWriter) => new(Service.DefaultName) { SingleWriter = singleWriter };

    /// <summary>Writes production's compose files for the site's one service, <c>app</c> (with a data volume), to <paramref name="directory"/>.</summary>
    public static void WriteComposeFiles(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "compose.yaml"), ComposeFile);
        File.WriteAllText(Path.Combine(directory, "compose.production.yaml"), "services:\n  app: {}\n");
    }

    /// <summary>A busybox <c>httpd</c> image on 8080 whose <c>/version</c> answers <paramref name="version"/>; without <paramref name="healthy"/> it has no <c>/health</c>.</summary>
    public static Task<BusyboxImage> HttpdImageAsync(string version, bool healthy = true)
    {
        var files = new Dictionary<string, string> { ["www/version"] = version };
        if (healthy)
            files["www/health"] = "ok";
        return BusyboxImage.BuildAsync("COPY www /www\nCMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]", files);
    }

    /// <summary>A release of <see cref="HttpdImageAsync"/>, removed on dispose.</summary>
    public async Task<Release> ReleaseAsync(string version, bool healthy = true)
    {
        var image = await HttpdImageAsync(version, healthy);
        images.Add(image);
        return Release.Of(version, $"commit-{version}", Service.DefaultName, image.Tag);
    }

    /// <summary>What one request through the proxy answers now.</summary>
    public async Task<string> ServedAsync()
    {
        using var http = new HttpClient();
        return (await http.GetStringAsync(Url)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var slot in await Slots.ListAsync(CancellationToken.None))
                await Slots.RemoveAsync(slot, CancellationToken.None);
            await Remover.VolumeAsync(Docker, Settings.DataVolume, CancellationToken.None);
            await Remover.ContainerAsync(Docker, Proxy.Options.ContainerName, removeVolumes: false, CancellationToken.None);
            await Remover.VolumeAsync(Docker, Proxy.Options.VolumeName, CancellationToken.None);
            await Remover.NetworkAsync(Docker, Proxy.Options.NetworkName, CancellationToken.None);
            foreach (var image in images)
                await image.DisposeAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            Docker.Dispose();
        }
    }
}
