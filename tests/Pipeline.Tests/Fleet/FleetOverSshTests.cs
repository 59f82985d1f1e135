using Pipeline.Cutover;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Operations;
using Pipeline.Output;
using Pipeline.Promotion;
using Pipeline.Proxy;
using Pipeline.Registry;
using Pipeline.Tests.Cutover;
using Pipeline.Tests.Registry;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;

namespace Pipeline.Tests.Fleet;

/// <summary>
/// An environment of two real servers reached over SSH (each its own engine, sshd and proxy): releases pulled from this machine's registry
/// through reverse forwards, the proxy image carried over, readiness and smoke through forwards; every host switches only when all passed.
/// </summary>
public sealed class FleetOverSshTests(TwoServers servers) : IClassFixture<TwoServers>
{
    const string Registry = "127.0.0.1:5000";

    [Fact]
    public async Task Both_servers_switch_together_and_one_failing_server_keeps_both_on_the_old_release()
    {
        var root = Directory.CreateTempSubdirectory("fleet-ssh-").FullName;
        var deploy = Directory.CreateDirectory(Path.Combine(root, "deploy")).FullName;
        var repository = PushCleanup.UniqueRepository("fleet");
        var (log, sink) = InMemorySink.CreateLogger();
        var images = new List<BusyboxImage>();
        var tags = new List<string>();
        var port = TestMachine.FreePort();
        CutoverSite.WriteComposeFiles(deploy);
        File.WriteAllText(Path.Combine(deploy, "environments.json"),
            $$"""{ "environments": { "production": { "hosts": ["ssh://{{servers.Servers[0].Name}}", "ssh://{{servers.Servers[1].Name}}"], "port": {{port}} } } }""");
        var prefix = "fl" + Guid.NewGuid().ToString("N")[..6];
        var delivery = new DeliveryOptions(prefix, EnvironmentCatalog.Load(deploy))
        {
            Ssh = servers.Ssh,
            Proxy = ProxyOptions.Named(prefix + "-proxy", TestMachine.FreePort()) with { Hold = TimeSpan.FromSeconds(20) },
            DeployTimeout = TimeSpan.FromSeconds(30),
        };
        using var run = new PipelineContext(new PipelineSettings(root, RegistryAddress.Parse(Registry), root, new GitHubOptions(null, null, "https://api.github.com")), log, new QuietOutput(), Maskers.New());
        try
        {
            async Task<Release> ReleaseAsync(string version)
            {
                var image = await CutoverSite.HttpdImageAsync(version);
                images.Add(image);
                tags.Add(version);
                var pushed = await new ImagePusher(image.Client, log).PushAsync(image.Tag, Registry, repository, [version], RegistryCredentials.None, CancellationToken.None);
                return Release.Of(version, "commit-" + version, Service.DefaultName, $"{Registry}/{repository}@{pushed.Digest}");
            }

            var environment = delivery.Environments[DeployEnvironment.Production].Environment;
            var settings = delivery.Environment(environment, deploy);
            var hosts = new EnvironmentHosts(run, delivery, log);
            var parts = await hosts.PartsAsync(settings, CancellationToken.None);
            var failSecond = false;
            var steps = new CutoverSteps(delivery.App, parts, new RollbackPoints(root, log), new BackupStore(Path.Combine(root, "backups")), log)
            {
                DeployTimeout = delivery.DeployTimeout,
                Smoke = (host, _, _) => Task.FromResult(failSecond && host == environment.Hosts[1] ? Verdict.Fail("smoke workflow tests failed: 1 of 1") : Verdict.Pass),
            };
            async Task<(string, string)> ServedAsync()
            {
                using var http = new HttpClient();
                var served = new List<string>();
                foreach (var host in environment.Hosts)
                {
                    var url = await hosts.ReachAsync(await run.HostAsync(host, delivery.Ssh, CancellationToken.None), new Uri($"http://127.0.0.1:{port}/version"), CancellationToken.None);
                    served.Add((await http.GetStringAsync(url)).Trim());
                }
                return (served[0], served[1]);
            }
            var v1 = await ReleaseAsync("v1");
            var v2 = await ReleaseAsync("v2");
            string Events() => string.Join("\n", sink.Events.Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.RenderMessage()}"));

            var first = await steps.DeployAsync(v1, CancellationToken.None);
            Assert.True(first.Passed, first.Problem + "\n" + Events());
            Assert.Equal(("v1", "v1"), await ServedAsync());
            Assert.Contains(sink.Events, e => e.RenderMessage().Contains("carried to", StringComparison.Ordinal));

            failSecond = true;
            var refused = await steps.DeployAsync(v2, CancellationToken.None);
            Assert.False(refused.Passed);
            Assert.Contains("1 of 2 hosts failed, so no host was switched", refused.Problem, StringComparison.Ordinal);
            Assert.Contains($"  {environment.Hosts[1].Name}: smoke workflow tests failed", refused.Problem, StringComparison.Ordinal);
            Assert.Equal(("v1", "v1"), await ServedAsync());
            foreach (var part in parts)
                Assert.Equal(["v1"], (await part.Slots.ListAsync(CancellationToken.None)).Select(s => s.Version));

            failSecond = false;
            var second = await steps.DeployAsync(v2, CancellationToken.None);
            Assert.True(second.Passed, second.Problem + "\n" + Events());
            Assert.Equal(("v2", "v2"), await ServedAsync());

            var back = await steps.DeployAndAnswerAsync(v1, CancellationToken.None);
            Assert.True(back.Passed, back.Problem);
            Assert.Equal(("v1", "v1"), await ServedAsync());
        }
        finally
        {
            foreach (var image in images)
                await image.DisposeAsync();
            await PushCleanup.RemoveAsync(await run.DockerAsync(CancellationToken.None), Registry, repository, tags, RegistryCredentials.None);
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class QuietOutput : IRunOutput
    {
        public void Print(string text) { }

        public void Print(Action<TextWriter> write) { }

        public void Report(string key, string value) { }

        public Serilog.Core.Logger AreaLog(string area, string name) => new Serilog.LoggerConfiguration().CreateLogger();
    }
}
