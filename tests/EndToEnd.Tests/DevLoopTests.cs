using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace EndToEnd.Tests;

/// <summary>
/// The development loop through ./build.sh on the real engine: DevStart over a private copy of src/App (never the checkout's, which
/// other tests build), with its own image name (so DevClean removes only its images), project and free ports.
/// </summary>
[Collection("build.sh")]
public sealed class DevLoopTests
{
    [Fact]
    public async Task Start_status_edit_restart_logs_stop_and_clean()
    {
        await using var dev = DevSite.Create();
        try
        {
            var start = await dev.RunAsync("DevStart");
            Assert.True(start.ExitCode == 0, start.ToString());
            Assert.Contains("Waiting for", start.Output);
            Assert.Contains($"http://127.0.0.1:{dev.Port}", start.Output);
            Assert.Contains("docker exec", start.Output);
            var version = await dev.GetJsonAsync("/version");
            Assert.Equal("development", (string?)version["mode"]);
            Assert.Equal("volume-mounted", (string?)version["codeSource"]);

            var status = await dev.RunAsync("DevStatus");
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Matches(@"Service\s+State\s+Health\s+Ports\s+Uptime\s+Restarts\s+Image", status.Output);
            Assert.Matches($@"app\s+running\s+healthy\s+\S*127\.0\.0\.1:{dev.Port}->8080/tcp\S*\s+\d+[smhd].*\s+0\s+{dev.ImageName}:dev", status.Output);

            var image = await dev.ImageIdAsync();
            var container = (await dev.ContainersAsync()).Single().ID;
            var saved = DateTime.UtcNow;
            dev.EditHealth("edited-once");
            Assert.Equal("edited-once", await dev.WaitForHealthAsync("edited-once"));
            Assert.True(DateTime.UtcNow - saved < TimeSpan.FromSeconds(30), $"the edit took {DateTime.UtcNow - saved} to be served");
            Assert.Equal(image, await dev.ImageIdAsync());
            Assert.Equal(container, (await dev.ContainersAsync()).Single().ID);

            var updatesBefore = await dev.CountLogLinesAsync("dotnet watch : File updated");
            foreach (var n in Enumerable.Range(1, 5))
            {
                dev.EditHealth($"burst-{n}");
                await Task.Delay(100);
            }
            Assert.Equal("burst-5", await dev.WaitForHealthAsync("burst-5"));
            await Task.Delay(TimeSpan.FromSeconds(3));
            var batches = await dev.CountLogLinesAsync("dotnet watch : File updated") - updatesBefore;
            Assert.InRange(batches, 1, 3); // the polling watcher scans every 0.5 s: 5 saves within 0.5 s reach it in 1-2 scans, each one update
            Assert.Equal(1, await dev.CountLogLinesAsync("Application started"));

            var logs = await dev.RunAsync("DevLogs", "--tail", "300");
            Assert.True(logs.ExitCode == 0, logs.ToString());
            Assert.Contains("File updated: ./Api/HealthEndpoints.cs", logs.Output);
            var tail = await dev.RunAsync("DevLogs", "--tail", "3", "--service", "app");
            Assert.True(tail.ExitCode == 0, tail.ToString());
            var tailLines = tail.Output.Split("=== DevLogs ===")[1].Split("Target")[0].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.InRange(tailLines.Length, 1, 3);
            var unknown = await dev.RunAsync("DevLogs", "--service", "nope");
            Assert.NotEqual(0, unknown.ExitCode);
            Assert.Contains("no service 'nope'", unknown.Output);
            Assert.Contains("its services: app", unknown.Output);

            var restart = await dev.RunAsync("DevRestart");
            Assert.True(restart.ExitCode == 0, restart.ToString());
            Assert.Equal("burst-5", await dev.WaitForHealthAsync("burst-5"));
            Assert.Equal(image, await dev.ImageIdAsync());

            var stop = await dev.RunAsync("DevStop");
            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Empty(await dev.ContainersAsync());
            var again = await dev.RunAsync("DevStatus");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains("not running", again.Output);
        }
        finally
        {
            var clean = await dev.RunAsync("DevClean");
            Assert.True(clean.ExitCode == 0, clean.ToString());
            Assert.Contains($"{dev.ImageName}:dev", clean.Output);
            await dev.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task A_busy_port_a_missing_source_folder_and_nothing_running_get_clear_answers()
    {
        await using var dev = DevSite.Create();
        using var busy = new TcpListener(IPAddress.Loopback, dev.Port);
        busy.Start();
        var blocked = await dev.RunAsync("DevStart");
        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        Assert.Contains($"Port {dev.Port} on 127.0.0.1 is in use", blocked.Output);
        Assert.Contains("--dev-port", blocked.Output);
        busy.Stop();

        var missing = await dev.RunAsync("DevStart", "--dev-source", Path.Combine(dev.Folder, "nowhere"));
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("does not exist", missing.Output);
        Assert.Contains("--dev-source", missing.Output);

        foreach (var target in new[] { "DevStop", "DevStatus" })
        {
            var run = await dev.RunAsync(target);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("not running", run.Output);
        }
        foreach (var target in new[] { "DevRestart", "DevLogs" })
        {
            var run = await dev.RunAsync(target);
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("./build.sh DevStart", run.Output);
        }
        Assert.Empty(await dev.ContainersAsync());
        Assert.Null(await dev.ImageIdAsync());
    }

    [Fact]
    public async Task The_production_image_says_production_and_container_baked()
    {
        var name = $"e2eprod{Guid.NewGuid():N}"[..14];
        try
        {
            var run = await BuildScript.RunAsync("ValidateProduction", "--image-name", name);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Matches(@"PASS\s+version endpoint\s+mode=production, codeSource=container-baked", run.Output);
        }
        finally
        {
            await TestImages.RemoveAsync(name);
        }
    }
}

/// <summary>One private development environment: a copy of src/App, a unique image name (and so project), free ports, and clean-up.</summary>
sealed class DevSite : IAsyncDisposable
{
    DevSite(string folder, string imageName, int port, int debuggerPort)
    {
        Folder = folder;
        ImageName = imageName;
        Port = port;
        DebuggerPort = debuggerPort;
    }

    public string Folder { get; }
    public string Source => Path.Combine(Folder, "App");
    public string ImageName { get; }
    public string Project => $"{ImageName}-dev";
    public int Port { get; }
    public int DebuggerPort { get; }
    HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static DevSite Create()
    {
        var folder = Directory.CreateTempSubdirectory("e2e-dev-").FullName;
        CopySource(Path.Combine(BuildScript.Root, "src", "App"), Path.Combine(folder, "App"));
        var ports = Ports.Free(2);
        return new DevSite(folder, $"e2edev{Guid.NewGuid():N}"[..14], ports[0], ports[1]);
    }

    public Task<BuildRun> RunAsync(string target, params string[] args) => BuildScript.RunAsync(
        [target, "--image-name", ImageName, "--dev-port", Port.ToString(), "--dev-debugger-port", DebuggerPort.ToString(),
            .. args.Contains("--dev-source") ? args : ["--dev-source", Source, .. args]]);

    public async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await Http.GetStringAsync($"http://127.0.0.1:{Port}{path}"))!;

    public void EditHealth(string status)
    {
        var file = Path.Combine(Source, "Api", "HealthEndpoints.cs");
        var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"new StatusResponse\(""[^""]*""\)\);", $"new StatusResponse(\"{status}\"));");
        File.WriteAllText(file, text);
    }

    /// <summary>Polls /health until it says <paramref name="status"/> (at most 60 s) and returns what it said last.</summary>
    public async Task<string?> WaitForHealthAsync(string status)
    {
        string? said = null;
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until && said != status; await Task.Delay(100))
        {
            try
            {
                said = (string?)(await GetJsonAsync("/health"))["status"];
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
        }
        return said;
    }

    public async Task<int> CountLogLinesAsync(string text)
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        var id = (await ContainersAsync()).Single().ID;
        using var stream = await engine.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return (stdout + stderr).Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));
    }

    public async Task<string?> ImageIdAsync()
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        try
        {
            return (await engine.Images.InspectImageAsync($"{ImageName}:dev")).ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    public async Task<IList<ContainerListResponse>> ContainersAsync()
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        return await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ProjectFilter() });
    }

    public async Task AssertNothingLeftAsync()
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        Assert.Empty(await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ProjectFilter() }));
        Assert.Empty(await engine.Networks.ListNetworksAsync(new NetworksListParameters { Filters = ProjectFilter() }));
        Assert.Empty((await engine.Volumes.ListAsync(new VolumesListParameters { Filters = ProjectFilter() })).Volumes ?? []);
        Assert.Empty(await engine.Images.ListImagesAsync(new ImagesListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"org.app-pipeline.dev-image={ImageName}"] = true } },
        }));
        Assert.Null(await ImageIdAsync());
    }

    Dictionary<string, IDictionary<string, bool>> ProjectFilter() =>
        new() { ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={Project}"] = true } };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if ((await ContainersAsync()).Count > 0 || await ImageIdAsync() is not null)
            await RunAsync("DevClean");
        Directory.Delete(Folder, recursive: true);
    }

    static void CopySource(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" or "data")
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
