using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

public sealed partial class DebugSnapshotTests
{
    [Fact]
    public async Task A_snapshot_of_production_replays_locally()
    {
        await using var site = await DeliverySite.CreateAsync();
        var id = Guid.NewGuid().ToString("N");
        var (secret, email) = ($"canary-prod-{id}", $"prod.{id[..10]}@corp.example");
        var secrets = Path.Combine(site.Folder, "production.env");
        await File.WriteAllTextAsync(secrets, $"PAYMENT_API_KEY={secret}\n");
        var withSecrets = new Dictionary<string, string> { ["APP_PRODUCTION_ENV_FILE"] = secrets };
        var promote = await BuildScript.RunAsync(withSecrets, ["PromoteToProduction", "--skip", .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile]);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        using (var created = await site.Http.PostAsync($"http://127.0.0.1:{site.ProductionPort}/api/users",
            new StringContent(JsonSerializer.Serialize(new { name = "Prod Canary", email, phone = "+49 30 901820 77" }), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var localPort = Ports.Free(1)[0];
        string[] local = ["--root", site.Repository, "--environment-prefix", site.Prefix, "--debug-local-port", localPort.ToString()];
        try
        {
            var run = await BuildScript.RunAsync(withSecrets, ["DebugSnapshot", "--environment", "production", .. site.SiteArguments]);

            Assert.True(run.ExitCode == 0, run.ToString());
            var archive = SnapshotPath().Match(run.Output).Groups[1].Value;
            Assert.StartsWith(site.Repository, archive);
            var entries = await DebugSite.EntriesAsync(archive);
            var all = string.Concat(entries.Values.Select(Encoding.UTF8.GetString));
            Assert.DoesNotContain(secret, all);
            Assert.DoesNotContain(email, all);
            Assert.Equal("production", JsonNode.Parse(entries["manifest.json"])!["environment"]!.GetValue<string>());
            Assert.Contains("PAYMENT_API_KEY", JsonNode.Parse(entries["redaction-report.json"])!["maskedVariables"]!.ToJsonString());

            var replay = await BuildScript.RunAsync(new Dictionary<string, string>(), ["DebugLocal", "--snapshot", archive, .. local, "--release-manifest-file", release.ReleaseFile]);

            Assert.True(replay.ExitCode == 0, replay.ToString());
            var users = JsonNode.Parse(await site.Http.GetStringAsync($"http://127.0.0.1:{localPort}/api/users"))!.AsArray();
            Assert.Equal(JsonNode.Parse(await site.Http.GetStringAsync($"http://127.0.0.1:{site.ProductionPort}/api/users"))!.AsArray().Count, users.Count);
            Assert.All(users, u => Assert.EndsWith("@example.invalid", u!["email"]!.GetValue<string>()));
        }
        finally
        {
            await BuildScript.RunAsync(new Dictionary<string, string>(), ["DebugLocal", "--stop", .. local]);
        }
    }
}
