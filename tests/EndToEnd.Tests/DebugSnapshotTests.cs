using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests;

/// <summary>
/// DebugSnapshot and DebugLocal through ./build.sh against the real engine: staging deployed with a secrets file (the
/// supported APP_STAGING_ENV_FILE) and a canary user, a snapshot that must hold neither, and a local replay of its data.
/// </summary>
[Collection("build.sh")]
public sealed partial class DebugSnapshotTests(DeliveryFixture release) : IClassFixture<DeliveryFixture>
{
    static readonly string[] ExpectedFiles =
    [
        "manifest.json", "compose/ps.txt", "compose/config.yaml", "logs/app.log", "endpoints/health.json", "endpoints/ready.json", "endpoints/version.json",
        "endpoints/queue-stats.json", "database/schema.sql", "database/sample.json", "database/app.db", "audit/tail.jsonl", "lock.json", "disk.txt", "redaction-report.json",
    ];

    [Fact]
    public async Task A_snapshot_holds_no_canary_and_DebugLocal_replays_its_sanitized_data()
    {
        await using var site = await DebugSite.CreateAsync();
        var id = Guid.NewGuid().ToString("N");
        var (secret, password) = ($"canary-secret-{id}", $"canarypw{id[..12]}");
        var (name, email, phone) = ($"Canary Quillon{id[..6]}", $"canary.{id[..10]}@corp.example", $"+44 7700 {Random.Shared.Next(100000, 999999)}");
        var secrets = Path.Combine(site.Folder, "staging.env");
        await File.WriteAllTextAsync(secrets, $"APP_SECRET_TOKEN={secret}\nDATABASE_URL=postgres://app:{password}@db.internal/app\n");
        var withSecrets = new Dictionary<string, string> { ["APP_STAGING_ENV_FILE"] = secrets };
        var deploy = await BuildScript.RunAsync(withSecrets, ["DeployStaging", .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile]);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        await CreateUserAsync(site, name, email, phone);

        var run = await BuildScript.RunAsync(withSecrets, ["DebugSnapshot", "--environment", "staging", .. site.SiteArguments]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var archive = SnapshotPath().Match(run.Output).Groups[1].Value;
        Assert.True(File.Exists(archive), run.ToString());
        Assert.StartsWith(site.SnapshotFolder, archive);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        var entries = await DebugSite.EntriesAsync(archive);
        var container = (await SiteEngine.RunningAsync(site.StagingProject))!.Names[0].TrimStart('/');
        foreach (var file in ExpectedFiles.Concat([$"containers/{container}.inspect.json", $"containers/{container}.health.json", $"stats/{container}.json"]))
            Assert.True(entries.ContainsKey(file), $"{file} is missing; the snapshot holds {string.Join(", ", entries.Keys)}");
        AssertEachParses(entries);
        var all = string.Concat(entries.Values.Select(Encoding.UTF8.GetString)) + Encoding.UTF8.GetString(await File.ReadAllBytesAsync(archive));
        foreach (var canary in new[] { secret, password, name, email, phone })
            Assert.DoesNotContain(canary, all);
        Assert.DoesNotContain(secret, run.Output);
        foreach (var logFile in Directory.GetFiles(Path.Combine(site.Root, "logs", "debug")))
            Assert.DoesNotContain(secret, await File.ReadAllTextAsync(logFile));
        var report = JsonNode.Parse(entries["redaction-report.json"])!["byRule"]!;
        Assert.True(report["secret-name"]!.GetValue<int>() > 0, report.ToJsonString());
        Assert.True(report["url-credentials"]!.GetValue<int>() > 0, report.ToJsonString());
        Assert.Contains("APP_SECRET_TOKEN=***", Encoding.UTF8.GetString(entries[$"containers/{container}.inspect.json"]));
        Assert.Contains("APP_SECRET_TOKEN: \"***\"", Encoding.UTF8.GetString(entries["compose/config.yaml"]));
        var manifest = JsonNode.Parse(entries["manifest.json"])!;
        Assert.Equal(release.Release.Version, manifest["version"]!.GetValue<string>());
        Assert.Equal("staging", manifest["environment"]!.GetValue<string>());

        var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, site.LocalPort);
        busy.Start();
        var taken = await BuildScript.RunAsync(new Dictionary<string, string>(), ["DebugLocal", "--snapshot", archive, .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile]);
        busy.Stop();
        Assert.True(taken.ExitCode == 1, taken.ToString());
        Assert.Contains("pick another with --debug-local-port", taken.Output);
        Assert.Equal((0, 0), await site.LocalReplayLeftAsync());

        var local = await BuildScript.RunAsync(new Dictionary<string, string>(), ["DebugLocal", "--snapshot", archive, .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile]);

        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.Contains("APP_SECRET_TOKEN", local.Output);
        var users = JsonNode.Parse(await site.Http.GetStringAsync($"http://127.0.0.1:{site.LocalPort}/api/users"))!.AsArray();
        var user = Assert.Single(users)!;
        Assert.EndsWith("@example.invalid", user["email"]!.GetValue<string>());
        Assert.NotEqual(name, user["name"]!.GetValue<string>());
        var version = JsonNode.Parse(await site.Http.GetStringAsync($"http://127.0.0.1:{site.LocalPort}/version"))!;
        Assert.True(version["debuggingEnabled"]!.GetValue<bool>(), version.ToJsonString());
        Assert.Equal(release.Release.Version, version["version"]!.GetValue<string>());

        var stop = await BuildScript.RunAsync(new Dictionary<string, string>(), ["DebugLocal", "--stop", .. site.SiteArguments]);

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal((0, 0), await site.LocalReplayLeftAsync());
    }

    static async Task CreateUserAsync(DebugSite site, string name, string email, string phone)
    {
        using var response = await site.Http.PostAsync($"http://127.0.0.1:{site.StagingPort}/api/users",
            new StringContent(JsonSerializer.Serialize(new { name, email, phone }), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    static void AssertEachParses(IReadOnlyDictionary<string, byte[]> entries)
    {
        foreach (var (name, content) in entries)
        {
            var text = Encoding.UTF8.GetString(content);
            if (name.EndsWith(".json", StringComparison.Ordinal))
                JsonDocument.Parse(text).Dispose();
            else if (name.EndsWith(".jsonl", StringComparison.Ordinal))
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    JsonDocument.Parse(line).Dispose();
            else if (name.EndsWith(".yaml", StringComparison.Ordinal))
                new YamlStream().Load(new StringReader(text));
        }
        var database = Path.Combine(Path.GetTempPath(), $"e2e-debug-{Guid.NewGuid():N}.db");
        File.WriteAllBytes(database, entries["database/app.db"]);
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM users";
            Assert.Equal(1L, (long)command.ExecuteScalar()!);
        }
        finally
        {
            File.Delete(database);
        }
    }

    [GeneratedRegex(@"Snapshot of \w+ \(.*\): (\S+\.tar\.gz)")]
    private static partial Regex SnapshotPath();
}
