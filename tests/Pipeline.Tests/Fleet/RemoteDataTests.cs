using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Model;
using Pipeline.Operations;
using Pipeline.Tests.Data;
using Pipeline.Tests.Support.Servers;

namespace Pipeline.Tests.Fleet;

/// <summary>
/// The data targets against environments on real servers reached over SSH (each its own engine, sshd and proxy): production's data copied
/// from one server into staging on another, sanitized on the way; a debug snapshot of a server's environment taken through its engine and proxy.
/// </summary>
public sealed class RemoteDataTests(TwoServers servers) : IClassFixture<TwoServers>
{
    static DeployEnvironment Production => DeployEnvironment.Production;

    static DeployEnvironment Staging => DeployEnvironment.Staging;

    [Fact]
    public async Task Production_data_on_one_server_reaches_staging_on_another_sanitized()
    {
        await using var site = new RemoteSite(servers, new Dictionary<DeployEnvironment, TestServer> { [Production] = servers.Servers[0], [Staging] = servers.Servers[1] });
        var production = await site.DeployAsync(Production, "v1");
        var staging = await site.DeployAsync(Staging, "v1");
        var canaries = Enumerable.Range(0, 3).Select(_ => SampleUser.Canary()).ToList();
        var (fromServer, toServer) = ((await site.HostAsync(Production)).Client, (await site.HostAsync(Staging)).Client);
        await DataFiles.PutFileAsync(fromServer, production, SampleDatabase.Create(Directory.CreateDirectory(Path.Combine(site.Root, "db")).FullName, canaries));
        var stagingStarted = (await toServer.Containers.InspectContainerAsync(staging)).State!.StartedAt;

        await new DeliveryOperations(site.Run, site.Delivery).SyncProductionDataAsync("remote-salt", CancellationToken.None);

        Assert.Contains($"from {(await site.RunningAsync(Production)).Name} on host {servers.Servers[0].Name} into staging's", site.Events);
        Assert.Contains($"on host {servers.Servers[1].Name}", site.Events);
        Assert.Contains("copied app.db", site.Output.Text);
        var copy = await DataFiles.CopyDatabaseAsync(toServer, staging, site.Root);
        Assert.Equal(3, SampleDatabase.Count(copy, "users"));
        foreach (var canary in canaries)
            foreach (var value in new[] { canary.Email, canary.Phone, canary.Name })
                Assert.False(SampleDatabase.Contains(copy, value), $"'{value}' reached staging");
        Assert.All((await DataFiles.ReadAsync(toServer, staging)).Values, f => Assert.Equal((10001, 10001), (f.Uid, f.Gid)));
        Assert.NotEqual(stagingStarted, (await toServer.Containers.InspectContainerAsync(staging)).State!.StartedAt);
        Assert.True((await fromServer.Containers.InspectContainerAsync(production)).State!.Running);
        Assert.Equal("v1", await site.ServedAsync(Staging, "/version"));
        Assert.Empty(Directory.GetFileSystemEntries(site.Run.Settings.WorkDirectory));
    }

    [Fact]
    public async Task A_snapshot_of_a_server_environment_holds_its_logs_inspect_and_endpoints_and_no_canary()
    {
        await using var site = new RemoteSite(servers, new Dictionary<DeployEnvironment, TestServer> { [Production] = servers.Servers[0] });
        var production = await site.DeployAsync(Production, "v1");
        var canary = SampleUser.Canary();
        var server = (await site.HostAsync(Production)).Client;
        await DataFiles.PutFileAsync(server, production, SampleDatabase.Create(Directory.CreateDirectory(Path.Combine(site.Root, "db")).FullName, [canary]));
        var container = (await site.RunningAsync(Production)).Name;

        await new DebugOperations(site.Run, site.Delivery).SnapshotAsync(Production, "remote-salt", site.Root, CancellationToken.None);

        var archive = Assert.Single(Directory.GetFiles(Path.Combine(site.Root, "snapshots"), "*.tar.gz"));
        var entries = await EntriesAsync(archive);
        foreach (var file in new[] { $"containers/{container}.inspect.json", $"stats/{container}.json", "logs/app.log", "compose/config.yaml", "database/app.db", "lock.json" })
            Assert.True(entries.ContainsKey(file), $"{file} is missing; the snapshot holds {string.Join(", ", entries.Keys)}\n{site.Events}");
        Assert.Contains("started with token ***", entries["logs/app.log"]);
        Assert.Contains("APP_SECRET_TOKEN=***", entries[$"containers/{container}.inspect.json"]);
        var port = site.Settings(Production).HostPort;
        var version = JsonNode.Parse(entries["endpoints/version.json"])!;
        Assert.Equal($"http://127.0.0.1:{port}/version", version["url"]!.GetValue<string>());
        Assert.True(version["status"]?.GetValue<int>() == 200, version.ToJsonString());
        Assert.Equal("v1", version["body"]!.GetValue<string>().Trim());
        Assert.Equal(200, JsonNode.Parse(entries["endpoints/health.json"])!["status"]!.GetValue<int>());
        Assert.Contains("engine (docker system df):", entries["disk.txt"]);
        Assert.Contains($"Snapshot of production taken from host {servers.Servers[0].Name}", site.Events);
        var all = string.Concat(entries.Values);
        foreach (var secret in new[] { site.Secret, canary.Email, canary.Phone, canary.Name })
            Assert.DoesNotContain(secret, all);
    }

    static async Task<IReadOnlyDictionary<string, string>> EntriesAsync(string archive)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is { } data)
                await data.CopyToAsync(content);
            entries[entry.Name] = Encoding.UTF8.GetString(content.ToArray());
        }
        return entries;
    }
}
