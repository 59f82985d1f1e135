using System.Text.Json.Nodes;
using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

public sealed class PostgresSnapshotTests : IAsyncLifetime
{
    readonly string token = Guid.NewGuid().ToString("N")[..10];
    PostgresContainer server = null!;
    PostgresShell shell = null!;

    public async Task InitializeAsync()
    {
        server = await PostgresContainer.StartAsync("snapshot");
        shell = await PostgresSyncServers.CreateAsync(server, "snap", PostgresSyncTests.Schema + PostgresSyncTests.Canaries(token, 50));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_schema_has_the_tables_and_the_sample_is_sanitized_by_the_rules_with_no_canary_left()
    {
        var schema = await PostgresSample.SchemaAsync(shell, CancellationToken.None);
        var (sample, rows) = await PostgresSample.ReadAsync(shell, PostgresSyncTests.Rules, "snapshot-salt", 5, text => text.Replace("example.invalid", "[masked]", StringComparison.Ordinal), CancellationToken.None);

        foreach (var table in new[] { "users", "orders", "profiles", "schema_version" })
            Assert.Contains($"CREATE TABLE public.{table} (", schema);
        Assert.Contains("FOREIGN KEY (customer_email) REFERENCES public.users(email)", schema);
        Assert.DoesNotContain(token, schema);
        Assert.Equal(50 + 50 + 50 + 2, rows);
        Assert.DoesNotContain(token, sample);
        Assert.DoesNotContain("prod.example", sample);
        var tables = JsonNode.Parse(sample)!.AsObject();
        Assert.Equal(50, (long)tables["users"]!["rows"]!);
        var users = tables["users"]!["sample"]!.AsArray();
        Assert.Equal(5, users.Count);
        Assert.All(users, u => Assert.EndsWith("@[masked]", (string)u!["email"]!));
        Assert.Equal(users.Select(u => (string)u!["email"]!), tables["orders"]!["sample"]!.AsArray().Select(o => (string)o!["customer_email"]!));
        Assert.Equal(2, (int)tables["schema_version"]!["sample"]![1]!["version"]!);
    }

    [Fact]
    public async Task A_personal_looking_column_without_a_rule_stops_the_sample_naming_it()
    {
        await PostgresSyncServers.ExecuteAsync(server, "snap", "ALTER TABLE users ADD COLUMN billing_email text");

        var error = await Assert.ThrowsAsync<DataException>(() =>
            PostgresSample.ReadAsync(shell, PostgresSyncTests.Rules, "snapshot-salt", 5, text => text, CancellationToken.None));

        Assert.Contains("users.billing_email looks personal but has no rule", error.Message);
    }
}
