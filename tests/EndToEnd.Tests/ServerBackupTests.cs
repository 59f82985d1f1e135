using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace EndToEnd.Tests;

/// <summary>
/// Backups of a production on servers live off the server: on the runner, with their sha256, checked before a restore. The data
/// is the primary (first) server's, restored there by <c>Rollback --tag --restore-data</c>.
/// </summary>
public sealed class ServerBackupTests(DeliveryFixture release, TwoServers servers) : IClassFixture<DeliveryFixture>, IClassFixture<TwoServers>
{
    [Fact]
    public async Task A_promotion_keeps_the_servers_data_on_the_runner_and_restore_data_puts_it_back_after_checking_it()
    {
        await using var fleet = await FleetSite.CreateAsync(servers);
        var primary = servers.Servers[0];
        Assert.True((await fleet.PromoteAsync(release.ReleaseFile)).ExitCode == 0);
        await CreateUserAsync(fleet, primary, $"kept-{fleet.Site.Prefix}@e2e.example");
        var backedUp = await UsersAsync(fleet, primary);

        var second = await fleet.PromoteAsync(release.DebugReleaseFile);
        Assert.True(second.ExitCode == 0, second.ToString());
        var backup = Directory.GetDirectories(fleet.Site.BackupFolder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).Last();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(backup, "manifest.json")))!;
        await using (var archive = File.OpenRead(Path.Combine(backup, "data.tar")))
            Assert.Equal(manifest["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(await SHA256.HashDataAsync(archive)));
        await CreateUserAsync(fleet, primary, $"after-backup-{fleet.Site.Prefix}@e2e.example");
        var tag = Assert.Single(await fleet.Site.OriginTagsAsync());

        var archivePath = Path.Combine(backup, "data.tar");
        var good = await File.ReadAllBytesAsync(archivePath);
        var corrupt = good.ToArray();
        corrupt[^1024] ^= 0xFF;
        await File.WriteAllBytesAsync(archivePath, corrupt);
        var refused = await fleet.RunAsync("Rollback", "--tag", tag, "--restore-data");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("is corrupt", refused.Output, StringComparison.Ordinal);
        Assert.Equal(backedUp.Count + 1, (await UsersAsync(fleet, primary)).Count);

        await File.WriteAllBytesAsync(archivePath, good);
        var restored = await fleet.RunAsync("Rollback", "--tag", tag, "--restore-data");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(Emails(backedUp), Emails(await UsersAsync(fleet, primary)));
    }

    static IReadOnlyList<string> Emails(JsonArray users) => [.. users.Select(u => u!["email"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>The users <paramref name="server"/>'s production serves, asked on the server itself.</summary>
    static async Task<JsonArray> UsersAsync(FleetSite fleet, TestServer server) => JsonNode.Parse(await fleet.ServedAsync(server, "/api/users?limit=1000"))!.AsArray();

    /// <summary>Creates a user through <paramref name="server"/>'s proxy, from the server itself.</summary>
    static async Task CreateUserAsync(FleetSite fleet, TestServer server, string email)
    {
        var body = JsonSerializer.Serialize(new { name = "Server User", email, phone = "+1 555 0100" });
        var result = await new ExternalTool("nsenter").RunAsync([$"--net=/var/run/netns/{server.Name}", "curl", "-sS", "--fail-with-body", "--max-time", "10",
            "-H", "Content-Type: application/json", "-d", body, $"http://127.0.0.1:{fleet.Site.ProductionPort}/api/users"]);
        Assert.True(result.Succeeded, $"POST /api/users on {server.Name}: {result.StandardOutput} {result.StandardError}");
    }
}
