using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace EndToEnd.Tests;

/// <summary>
/// A <see cref="DeliverySite"/> whose production is a fleet of real test servers reached over SSH: its root's
/// <c>deploy/environments.json</c> names them (<c>ssh://alias</c>), every run passes the servers' ssh config; the proxy of each
/// server publishes production's port on that server's 127.0.0.1. Disposing removes what the site ran on every server.
/// </summary>
public sealed class FleetSite : IAsyncDisposable
{
    const string ProjectLabel = "com.docker.compose.project";

    FleetSite(DeliverySite site, IReadOnlyList<TestServer> servers, string sshConfig)
    {
        Site = site;
        Servers = servers;
        SshConfig = sshConfig;
    }

    /// <summary>The site: prefix, ports, root.</summary>
    public DeliverySite Site { get; }

    /// <summary>Production's servers, in the order the environments file names them.</summary>
    public IReadOnlyList<TestServer> Servers { get; }

    /// <summary>The ssh config file the runs pass.</summary>
    public string SshConfig { get; }

    /// <summary>The path of the root's environments file.</summary>
    public string EnvironmentsFile => Path.Combine(Site.Repository, "deploy", "environments.json");

    /// <summary>A site whose production is <paramref name="servers"/>' servers, reached with their ssh config.</summary>
    public static Task<FleetSite> CreateAsync(TestServers servers) => CreateAsync(servers.Servers, servers.ConfigFile, servers.Servers.Select(s => s.Name));

    /// <summary>A site whose production is <paramref name="hosts"/> (ssh aliases of <paramref name="sshConfig"/>); <paramref name="servers"/> are the ones it may change.</summary>
    public static async Task<FleetSite> CreateAsync(IReadOnlyList<TestServer> servers, string sshConfig, IEnumerable<string> hosts)
    {
        var site = await DeliverySite.CreateAsync();
        var fleet = new FleetSite(site, servers, sshConfig);
        var list = string.Join(", ", hosts.Select(h => $"\"ssh://{h}\""));
        File.WriteAllText(fleet.EnvironmentsFile, $$"""{ "environments": { "production": { "hosts": [{{list}}], "port": {{site.ProductionPort}} } } }""");
        return fleet;
    }

    /// <summary>The arguments every run of this site passes.</summary>
    public string[] Arguments => [.. Site.SiteArguments, "--ssh-config", SshConfig];

    /// <summary>Runs <c>./build.sh</c> <paramref name="target"/> for this site.</summary>
    public Task<BuildRun> RunAsync(string target, params string[] extra) => BuildScript.RunAsync([target, .. Arguments, .. extra]);

    /// <summary>Promotes <paramref name="releaseFile"/> to the servers (staging skipped).</summary>
    public Task<BuildRun> PromoteAsync(string releaseFile, params string[] extra) =>
        BuildScript.RunAsync(["PromoteToProduction", "--skip", .. Arguments, "--release-manifest-file", releaseFile, .. extra]);

    /// <summary>Starts a promotion of <paramref name="releaseFile"/> that pauses at <paramref name="point"/>.</summary>
    internal PausedBuild PausedPromotion(string point, string releaseFile, params string[] extra) =>
        PausedBuild.Start(point, Site.Folder, ["PromoteToProduction", "--skip", .. Arguments, "--release-manifest-file", releaseFile, .. extra]);

    /// <summary>Another clone of the site's repository (same origin, same environments file); returns the arguments its runs pass.</summary>
    public async Task<string[]> OtherCloneAsync()
    {
        var other = Path.Combine(Site.Folder, "other-clone");
        await SiteRoot.CreateAsync(other);
        await DeliverySite.Git(other, "remote", "set-url", "origin", Site.Origin);
        File.Copy(EnvironmentsFile, Path.Combine(other, "deploy", "environments.json"), overwrite: true);
        return [.. Arguments.Select(a => a == Site.Repository ? other : a)];
    }

    /// <summary>True while something listens on <paramref name="server"/>'s own 127.0.0.1:<paramref name="port"/> (such as the registry carried there).</summary>
    public static async Task<bool> ListensAsync(TestServer server, int port)
    {
        var result = await new ExternalTool("nsenter").RunAsync([$"--net=/var/run/netns/{server.Name}", "ss", "-Hltn", $"src 127.0.0.1:{port}"]);
        Assert.True(result.Succeeded, $"ss in {server.Name} failed: {result.StandardError}");
        return result.StandardOutput.Trim().Length > 0;
    }

    /// <summary>The ids of the ssh master processes started with this site's ssh config (<c>ControlMaster=yes</c>).</summary>
    public IReadOnlyList<int> SshMasters() =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid => CommandLine(pid) is { } args && args.Contains("ControlMaster=yes") && args.Contains(SshConfig))];

    static string[]? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What <paramref name="server"/>'s proxy serves at <paramref name="path"/>, asked from the server itself (its own 127.0.0.1).</summary>
    public async Task<string> ServedAsync(TestServer server, string path = "/version")
    {
        var result = await new ExternalTool("nsenter").RunAsync([$"--net=/var/run/netns/{server.Name}", "curl", "-sS", "--max-time", "10", $"http://127.0.0.1:{Site.ProductionPort}{path}"]);
        Assert.True(result.Succeeded, $"{server.Name} did not answer {path} on 127.0.0.1:{Site.ProductionPort}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    /// <summary>What every server serves at /version, in order.</summary>
    public async Task<IReadOnlyList<string>> ServedEverywhereAsync() => await Task.WhenAll(Servers.Select(s => ServedAsync(s)));

    /// <summary>The containers of this site's production releases on <paramref name="server"/>.</summary>
    public async Task<IReadOnlyList<ContainerListResponse>> ContainersAsync(TestServer server)
    {
        using var engine = Connect(server);
        return [.. (await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true }))
            .Where(c => c.Labels.TryGetValue(ProjectLabel, out var p) && p.StartsWith(Site.ProductionProject + "-r-", StringComparison.Ordinal))];
    }

    /// <summary>The running production container on <paramref name="server"/> that runs <paramref name="image"/> (by digest).</summary>
    public async Task<ContainerListResponse> RunningAsync(TestServer server, string image)
    {
        var digest = image[(image.IndexOf('@') + 1)..];
        return Assert.Single(await ContainersAsync(server), c => c.State == "running" && c.Labels["org.app-pipeline.digest"] == digest);
    }

    /// <summary>Everything on <paramref name="server"/> with a name or project of this site (containers, networks, volumes).</summary>
    public async Task<IReadOnlyList<string>> LeftOnAsync(TestServer server)
    {
        using var engine = Connect(server);
        var prefix = Site.Prefix + "-";
        return [
            .. (await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true })).SelectMany(c => c.Names).Where(n => n.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal)),
            .. (await engine.Networks.ListNetworksAsync(new NetworksListParameters())).Select(n => n.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)),
            .. ((await engine.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Select(v => v.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)),
        ];
    }

    /// <summary>A client of <paramref name="server"/>'s own engine (its socket is a path on this machine).</summary>
    public static DockerClient Connect(TestServer server) => new DockerClientBuilder().WithEndpoint(new Uri("unix://" + server.EngineSocket)).Build();

    /// <summary>Removes the site's containers, networks and volumes from every server, then the site.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var server in Servers)
                await RemoveFromAsync(server);
        }
        finally
        {
            await Site.DisposeAsync();
        }
    }

    async Task RemoveFromAsync(TestServer server)
    {
        using var engine = Connect(server);
        var prefix = Site.Prefix + "-";
        foreach (var container in (await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true })).Where(c => c.Names.Any(n => n.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal))))
            await Remover.ContainerAsync(engine, container.ID, removeVolumes: false, CancellationToken.None);
        foreach (var network in (await engine.Networks.ListNetworksAsync(new NetworksListParameters())).Where(n => n.Name.StartsWith(prefix, StringComparison.Ordinal)))
            await Remover.NetworkAsync(engine, network.ID, CancellationToken.None);
        foreach (var volume in ((await engine.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)))
            await Remover.VolumeAsync(engine, volume.Name, CancellationToken.None);
    }
}
