using Pipeline.Cutover;
using Pipeline.Environments;
using Pipeline.Hosts;
using Pipeline.Model;
using Pipeline.Operations;
using Pipeline.Proxy;
using Pipeline.Registry;
using Pipeline.Tests.Registry;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;

namespace Pipeline.Tests.Fleet;

/// <summary>
/// A checkout whose environments live on test servers (<c>deploy/environments.json</c> naming them), with the repository's sanitization
/// rules, a service that keeps SQLite-like data on its volume and prints its secret token when it starts, and a run over it whose output and
/// logs are kept. Releases are pushed to this machine's registry and carried to the servers. Removes its folder, images and pushed tags.
/// </summary>
internal sealed class RemoteSite : IAsyncDisposable
{
    const string Registry = "127.0.0.1:5000";

    readonly string repository = PushCleanup.UniqueRepository("remote");
    readonly List<BusyboxImage> images = [];
    readonly List<string> tags = [];

    /// <summary>A site whose environments are on <paramref name="hosts"/> (environment name to its server), reached with <paramref name="servers"/>' ssh set-up.</summary>
    public RemoteSite(TestServers servers, IReadOnlyDictionary<DeployEnvironment, TestServer> hosts)
    {
        File.Copy(Path.Combine(TestMachine.RepositoryRoot, "deploy", "sanitize.json"), Path.Combine(Deploy, "sanitize.json"));
        File.WriteAllText(Path.Combine(Deploy, "compose.yaml"), $$"""
            services:
              app:
                image: ${APP_IMAGE}
                stop_grace_period: 2s
                environment:
                  APP_SECRET_TOKEN: "{{Secret}}"
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
            """);
        foreach (var environment in hosts.Keys)
            File.WriteAllText(Path.Combine(Deploy, $"compose.{environment.Name}.yaml"), "services:\n  app: {}\n");
        Directory.CreateDirectory(Path.Combine(Deploy, "workflows"));
        File.WriteAllText(Path.Combine(Deploy, "workflows", "version.json"),
            """{ "name": "version", "smoke": true, "steps": [ { "name": "read the version", "request": { "method": "GET", "path": "/version" }, "expect": { "status": 200 } } ] }""");
        var environments = hosts.Select(h => $"\"{h.Key.Name}\": {{ \"hosts\": [\"ssh://{h.Value.Name}\"], \"port\": {TestMachine.FreePort()} }}");
        File.WriteAllText(Path.Combine(Deploy, "environments.json"), $"{{ \"environments\": {{ {string.Join(", ", environments)} }} }}");
        var prefix = "rd" + Guid.NewGuid().ToString("N")[..6];
        Delivery = new DeliveryOptions(prefix, EnvironmentCatalog.Load(Deploy))
        {
            Ssh = servers.Ssh,
            Proxy = ProxyOptions.Named(prefix + "-proxy", TestMachine.FreePort()),
            DeployTimeout = TimeSpan.FromSeconds(60),
        };
        (Log, Sink) = InMemorySink.CreateLogger();
        Output = new RecordedOutput(Sink);
        Run = new PipelineContext(new PipelineSettings(Root, RegistryAddress.Parse(Registry), Root, new GitHubOptions(null, null, "https://api.github.com")), Log, Output, Maskers.New());
    }

    /// <summary>The checkout's root (also the rollback repository, which has no tags).</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("remote-data-").FullName;

    /// <summary>The service's secret token, in its compose file and in the first line of its log.</summary>
    public string Secret { get; } = $"canary-secret-{Guid.NewGuid():N}";

    public string Deploy => Directory.CreateDirectory(Path.Combine(Root, "deploy")).FullName;
    public DeliveryOptions Delivery { get; }
    public PipelineContext Run { get; }
    public RecordedOutput Output { get; }
    public Serilog.ILogger Log { get; }
    public InMemorySink Sink { get; }

    /// <summary>Every log event, its values without Serilog's quotes.</summary>
    public string Events => string.Join("\n", Sink.Events.Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.RenderMessage().Replace("\"", "", StringComparison.Ordinal)}"));

    /// <summary>The settings of <paramref name="environment"/>.</summary>
    public EnvironmentSettings Settings(DeployEnvironment environment) => Delivery.Environment(environment, Deploy);

    /// <summary>The run's connection to <paramref name="environment"/>'s host.</summary>
    public async Task<HostConnection> HostAsync(DeployEnvironment environment) =>
        await Run.HostAsync(Settings(environment).Environment.Hosts[0], Delivery.Ssh, CancellationToken.None);

    /// <summary>Deploys release <paramref name="version"/> of the service to <paramref name="environment"/> as the pipeline does; returns its running container's id.</summary>
    public async Task<string> DeployAsync(DeployEnvironment environment, string version)
    {
        var image = await BusyboxImage.BuildAsync(
            "RUN mkdir /data && chown 10001:10001 /data\nCOPY www /www\nSTOPSIGNAL SIGKILL\nUSER 10001\n" +
            "CMD [\"sh\", \"-c\", \"echo \\\"started with token $APP_SECRET_TOKEN\\\"; exec httpd -f -p 8080 -h /www\"]",
            new Dictionary<string, string> { ["www/version"] = version, ["www/health"] = "ok", ["www/ready"] = "ok" });
        images.Add(image);
        tags.Add(version);
        var pushed = await new ImagePusher(image.Client, Log).PushAsync(image.Tag, Registry, repository, [version], RegistryCredentials.None, CancellationToken.None);
        var release = Release.Of(version, "commit-" + version, Service.DefaultName, $"{Registry}/{repository}@{pushed.Digest}");
        var steps = await new DeliveryOperations(Run, Delivery).StepsAsync(environment, Log, CancellationToken.None);
        var deployed = await steps.DeployAsync(release, CancellationToken.None);
        Assert.True(deployed.Passed, deployed.Problem + "\n" + Events);
        return (await RunningAsync(environment)).Id;
    }

    /// <summary>The running container of <paramref name="environment"/> on its host.</summary>
    public async Task<ContainerStatus> RunningAsync(DeployEnvironment environment)
    {
        var primary = await new EnvironmentHosts(Run, Delivery, Log).PrimaryAsync(Settings(environment), CancellationToken.None);
        return (await primary.Environment.StatusAsync(CancellationToken.None)).Containers.Single(c => c.IsRunning);
    }

    /// <summary>What <paramref name="environment"/> answers on <paramref name="path"/> through its host's proxy, reached over SSH.</summary>
    public async Task<string> ServedAsync(DeployEnvironment environment, string path)
    {
        var hosts = new EnvironmentHosts(Run, Delivery, Log);
        var url = await hosts.ReachAsync(await HostAsync(environment), hosts.ProxyAddress(Settings(environment)), CancellationToken.None);
        using var http = new HttpClient();
        return (await http.GetStringAsync(new Uri(url, path))).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var local = await Pipeline.Docker.Engine.ConnectAsync(CancellationToken.None);
            var ids = new List<string>();
            foreach (var image in images)
            {
                ids.Add((await local.Images.InspectImageAsync(image.Tag)).ID);
                await image.DisposeAsync();
            }
            await PushCleanup.RemoveAsync(local, Registry, repository, tags, RegistryCredentials.None);
            foreach (var id in ids)
                await Pipeline.Docker.Remover.IgnoreMissingAsync(() => local.Images.DeleteImageAsync(id, new global::Docker.DotNet.Models.ImageDeleteParameters { Force = true }));
        }
        finally
        {
            Run.Dispose();
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>The run's output, kept: what was printed and reported; area logs go to the site's sink.</summary>
    public sealed class RecordedOutput(InMemorySink sink) : IRunOutput
    {
        readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();

        /// <summary>Everything printed and reported, in order.</summary>
        public string Text => string.Join("\n", texts);

        public void Print(string text) => texts.Enqueue(text);

        public void Print(Action<TextWriter> write)
        {
            using var text = new StringWriter();
            write(text);
            texts.Enqueue(text.ToString());
        }

        public void Report(string key, string value) => texts.Enqueue(value);

        public Serilog.Core.Logger AreaLog(string area, string name) =>
            new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
    }
}
