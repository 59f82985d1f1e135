using System.Diagnostics;
using Docker.DotNet.Models;
using Pipeline.Compose;
using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Model;
using Pipeline.Registry;
using Pipeline.Tests.Registry;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace Pipeline.Tests.Hosts;

public sealed class RemoteEngineTests(TwoServers servers) : IClassFixture<TwoServers>
{
    const string Registry = "127.0.0.1:5000";

    [Fact]
    public async Task Each_server_answers_over_its_bridge_with_its_own_engine_and_nothing_is_left_after_dispose()
    {
        var connections = await Task.WhenAll(servers.Servers.Select(server => Engine.ConnectAsync(server.Host, servers.Ssh, CancellationToken.None)));
        string[] folders;
        try
        {
            for (var i = 0; i < connections.Length; i++)
            {
                var info = await connections[i].Client.System.GetSystemInfoAsync();
                Assert.Equal(Path.Combine(servers.Servers[i].Folder, "data"), info.DockerRootDir);
                Assert.Empty(await connections[i].Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }));
                Assert.Equal("unix", connections[i].DockerHost.Scheme);
                Assert.Equal($"ssh socket forward to unix://{servers.Servers[i].EngineSocket}", connections[i].Transport);
                Assert.Contains($"inet {servers.Servers[i].Address}/30", (await connections[i].Ssh!.RunAsync(["ip", "-4", "-o", "addr", "show"], CancellationToken.None)).StandardOutput);
            }
            folders = [.. connections.Select(connection => Path.GetDirectoryName(connection.DockerHost.AbsolutePath)!)];
            Assert.All(folders, folder => Assert.True(Directory.Exists(folder)));
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
        Assert.All(folders, folder => Assert.False(Directory.Exists(folder), $"{folder} is left behind"));
    }

    [Fact]
    public async Task A_server_runs_a_container_from_an_image_it_pulls_through_the_reverse_forwarded_registry()
    {
        await using var image = await BusyboxImage.BuildAsync($"CMD [\"echo\", \"pulled {Guid.NewGuid():N}\"]");
        var repository = PushCleanup.UniqueRepository("ssh-pull");
        var (log, _) = InMemorySink.CreateLogger();
        try
        {
            var pushed = await new ImagePusher(image.Client, log).PushAsync(image.Tag, Registry, repository, ["1.0.0"], RegistryCredentials.None, CancellationToken.None);
            await using var connection = await Engine.ConnectAsync(servers.Servers[0].Host, servers.Ssh, CancellationToken.None);
            await using (await connection.ReverseForwardAsync(5000))
                await connection.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = $"{Registry}/{repository}", Tag = "1.0.0" }, null, new Progress<JSONMessage>());

            var output = await RunAsync(connection, $"{Registry}/{repository}:1.0.0");

            Assert.Contains("pulled", output);
            Assert.Equal(pushed.Digest, (await connection.Client.Images.InspectImageAsync($"{Registry}/{repository}:1.0.0")).RepoDigests.Single().Split('@')[1]);
            await connection.Client.Images.DeleteImageAsync($"{Registry}/{repository}:1.0.0", new ImageDeleteParameters { Force = true });
        }
        finally
        {
            await PushCleanup.RemoveAsync(image.Client, Registry, repository, ["1.0.0"], RegistryCredentials.None);
        }
    }

    [Fact]
    public async Task Once_the_reverse_forward_is_removed_the_server_no_longer_reaches_the_registry()
    {
        await using var connection = await Engine.ConnectAsync(servers.Servers[1].Host, servers.Ssh, CancellationToken.None);
        var master = (await connection.ReverseForwardAsync(5000));
        var reached = await new ExternalTool("ssh").RunAsync(["-F", servers.ConfigFile, servers.Servers[1].Name, "exec 3<>/dev/tcp/127.0.0.1/5000 && echo open"]);
        await master.DisposeAsync();
        var after = await new ExternalTool("ssh").RunAsync(["-F", servers.ConfigFile, servers.Servers[1].Name, "exec 3<>/dev/tcp/127.0.0.1/5000 && echo open"]);

        Assert.Equal("open", reached.StandardOutput.Trim());
        Assert.NotEqual(0, after.ExitCode);
    }

    [Fact]
    public async Task A_second_reverse_forward_of_the_same_port_to_a_server_is_refused_with_what_holds_it()
    {
        await using var first = await Engine.ConnectAsync(servers.Servers[0].Host, servers.Ssh, CancellationToken.None);
        await using var second = await Engine.ConnectAsync(servers.Servers[0].Host, servers.Ssh, CancellationToken.None);
        await using var held = await first.ReverseForwardAsync(5000);

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => second.ReverseForwardAsync(5000));

        Assert.Equal(HostFailure.ForwardRefused, error.Failure);
        Assert.Contains($"Could not carry 127.0.0.1:5000 to {servers.Servers[0].Name}", error.Message);
        Assert.Contains("already listens on its 127.0.0.1:5000", error.Message);
    }

    [Fact]
    public async Task A_forward_reaches_an_http_server_that_listens_only_on_the_servers_own_loopback()
    {
        var page = Guid.NewGuid().ToString("N");
        await using var image = await BusyboxImage.BuildAsync($"RUN mkdir /www && echo {page} > /www/index.html\nCMD [\"httpd\", \"-f\", \"-p\", \"80\", \"-h\", \"/www\"]");
        var repository = PushCleanup.UniqueRepository("ssh-http");
        var (log, _) = InMemorySink.CreateLogger();
        try
        {
            await new ImagePusher(image.Client, log).PushAsync(image.Tag, Registry, repository, ["1.0.0"], RegistryCredentials.None, CancellationToken.None);
            await using var connection = await Engine.ConnectAsync(servers.Servers[1].Host, servers.Ssh, CancellationToken.None);
            await using (await connection.ReverseForwardAsync(5000))
                await connection.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = $"{Registry}/{repository}", Tag = "1.0.0" }, null, new Progress<JSONMessage>());
            var container = await connection.Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = $"{Registry}/{repository}:1.0.0",
                Name = "pipeline-test-http-" + page[..8],
                ExposedPorts = new Dictionary<string, EmptyStruct> { ["80/tcp"] = default },
                HostConfig = new HostConfig { PortBindings = new Dictionary<string, IList<PortBinding>> { ["80/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "8080" }] } },
            });
            try
            {
                await connection.Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
                await using var forward = await connection.ForwardAsync("127.0.0.1", 8080);
                using var http = new HttpClient();

                var body = await Poll.UntilAsync(async (_, token) => await TryGetAsync(http, forward.Http("/index.html"), token), new PollOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20)),
                    _ => Task.FromResult("(no answer)"), CancellationToken.None);

                Assert.Equal(page, body.Trim());
                Assert.Equal("127.0.0.1", forward.Address);
                Assert.NotEqual(8080, forward.Port);
            }
            finally
            {
                await connection.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
                await connection.Client.Images.DeleteImageAsync($"{Registry}/{repository}:1.0.0", new ImageDeleteParameters { Force = true });
            }
        }
        finally
        {
            await PushCleanup.RemoveAsync(image.Client, Registry, repository, ["1.0.0"], RegistryCredentials.None);
        }
    }

    [Fact]
    public async Task Docker_and_compose_command_lines_reach_the_servers_engine_through_the_bridge()
    {
        await using var connection = await Engine.ConnectAsync(servers.Servers[0].Host, servers.Ssh, CancellationToken.None);
        var compose = await ComposeTool.DetectAsync() ?? throw new InvalidOperationException("no Compose tool: run ./build.sh Setup");
        var folder = TestMachine.TempDirectory("ssh-compose");
        try
        {
            File.WriteAllText(Path.Combine(folder, "compose.yaml"), "services:\n  app:\n    image: pipeline-test/none:latest\n");
            var project = "pipeline-test-ssh-" + Guid.NewGuid().ToString("N")[..8];
            var docker = new ExternalTool("docker").WithEnvironment("DOCKER_HOST", connection.DockerHost.ToString());
            var tool = new ExternalTool(compose.FileName).In(folder).WithEnvironment("DOCKER_HOST", connection.DockerHost.ToString());

            var info = await docker.RunCheckedAsync(["info", "--format", "{{.DockerRootDir}}"]);
            var ps = await tool.RunCheckedAsync(compose.Arguments("-p", project, "ps", "-q"));
            var version = await docker.RunCheckedAsync(["version", "--format", "{{.Server.Version}}"]);

            Assert.Equal(Path.Combine(servers.Servers[0].Folder, "data"), info.StandardOutput.Trim());
            Assert.Equal("", ps.StandardOutput.Trim());
            Assert.Equal((await connection.Client.System.GetVersionAsync()).Version, version.StandardOutput.Trim());
        }
        finally
        {
            TestMachine.Delete(folder);
        }
    }

    static async Task<string> RunAsync(HostConnection connection, string image)
    {
        var container = await connection.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Name = "pipeline-test-ssh-" + Guid.NewGuid().ToString("N")[..8] });
        try
        {
            await connection.Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
            var exit = await connection.Client.Containers.WaitContainerAsync(container.ID);
            Assert.Equal(0, exit.StatusCode);
            using var logs = await connection.Client.Containers.GetContainerLogsAsync(container.ID, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, CancellationToken.None);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
            return stdout + stderr;
        }
        finally
        {
            await connection.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    static async Task<string?> TryGetAsync(HttpClient http, Uri uri, CancellationToken token)
    {
        try
        {
            return await http.GetStringAsync(uri, token);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
