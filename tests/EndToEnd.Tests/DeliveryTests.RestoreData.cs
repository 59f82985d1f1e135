using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

public sealed partial class DeliveryTests
{
    [Fact]
    public async Task Rollback_with_restore_data_brings_back_exactly_the_rows_of_the_backup()
    {
        await using var site = await DeliverySite.CreateAsync();
        var first = await site.PromoteAsync(release.ReleaseFile);
        Assert.True(first.ExitCode == 0, first.ToString());
        await site.CreateUserAsync($"kept-1-{site.Prefix}@e2e.example");
        await site.CreateUserAsync($"kept-2-{site.Prefix}@e2e.example");
        var backedUp = await UsersAsync(site);
        var second = await site.PromoteAsync(release.DebugReleaseFile);
        Assert.True(second.ExitCode == 0, second.ToString());
        var tag = Assert.Single(await site.OriginTagsAsync());
        await site.CreateUserAsync($"after-backup-{site.Prefix}@e2e.example");
        Assert.Equal(backedUp.Count + 1, (await UsersAsync(site)).Count);

        var run = await site.RollbackAsync("--tag", tag, "--restore-data");

        Assert.True(run.ExitCode == 0, run.ToString());
        var restored = await UsersAsync(site);
        Assert.Equal(backedUp.Count, restored.Count);
        Assert.Equal(Checksum(backedUp), Checksum(restored));
        Assert.Contains(site.AuditSince(0), e => e["rollbackTag"]?.GetValue<string>() == tag && e["backupId"] is not null && e["action"]?.GetValue<string>() == "rollback");
    }

    static async Task<JsonArray> UsersAsync(DeliverySite site) => (await site.GetJsonAsync("/api/users?limit=1000")).AsArray();

    static string Checksum(JsonArray users) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', users.Select(u => $"{u!["id"]}|{u["name"]}|{u["email"]}|{u["phone"]}").Order(StringComparer.Ordinal)))));
}
