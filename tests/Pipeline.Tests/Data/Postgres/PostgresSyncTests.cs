using Docker.DotNet.Models;
using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

public sealed class PostgresSyncTests(PostgresSyncServers servers) : IClassFixture<PostgresSyncServers>, IAsyncLifetime
{
    const string Salt = "pg-sync-salt";
    readonly string token = Guid.NewGuid().ToString("N")[..10];
    readonly string productionName = $"prod_{Guid.NewGuid():N}"[..20];
    readonly string stagingName = $"stage_{Guid.NewGuid():N}"[..20];
    readonly (Serilog.ILogger Logger, InMemorySink Sink) log = InMemorySink.CreateLogger();

    public static readonly SanitizationRules Rules = SanitizationRules.Parse("""
        { "tables": {
            "users": { "id": "keep", "name": "name", "email": "email", "phone": "phone", "created_at": "keep" },
            "orders": { "id": "keep", "user_id": "keep", "customer_email": "email", "note": "text", "total": "keep" },
            "profiles": { "user_id": "keep", "display_name": "name" },
            "schema_version": { "version": "keep", "applied_at": "keep" } } }
        """, "test-rules.json");

    /// <summary>The sample stack's shape: 1,500 users with canary names, emails and phones; orders joined by email; unique display names (more than the 1,024 fake names).</summary>
    public static string Schema => """
        CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, phone text, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), customer_email text NOT NULL REFERENCES users (email), note text, total numeric NOT NULL);
        CREATE TABLE profiles (user_id int PRIMARY KEY REFERENCES users (id), display_name text NOT NULL UNIQUE);
        CREATE TABLE schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO schema_version (version) VALUES (1), (2);
        """;

    public static string Canaries(string token, int count = 1500) => $"""
        INSERT INTO users (name, email, phone) SELECT 'Canary{token} Person' || g, 'canary{token}-' || g || '@prod.example', '+44 7700 {token[..3]}' || lpad(g::text, 5, '0') FROM generate_series(1, {count}) g;
        INSERT INTO orders (user_id, customer_email, note, total) SELECT id, email, 'call ' || name || ' at ' || phone, id FROM users;
        INSERT INTO profiles (user_id, display_name) SELECT id, 'Canary{token} Handle' || id FROM users;
        """;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await PostgresSyncServers.DropAsync(servers.Production, productionName);
        await PostgresSyncServers.DropAsync(servers.Staging, stagingName);
    }

    async Task<(PostgresShell Production, PostgresShell Staging)> CreateAsync(string productionExtra = "", string rules = "")
    {
        var production = await PostgresSyncServers.CreateAsync(servers.Production, productionName, Schema + Canaries(token) + productionExtra);
        var staging = await PostgresSyncServers.CreateAsync(servers.Staging, stagingName,
            Schema + "INSERT INTO users (name, email) VALUES ('Old Staging', 'old@staging.example'); CREATE TABLE staging_only (note text); INSERT INTO staging_only VALUES ('kept');");
        return (production, staging);
    }

    PostgresSync Sync => new(servers.Production.Client, log.Logger);

    [Fact]
    public async Task Canaries_never_reach_staging_foreign_keys_and_unique_columns_hold_and_the_fakes_are_the_SQLite_paths()
    {
        var (production, staging) = await CreateAsync();
        var productionBefore = await PostgresSyncServers.FingerprintAsync(servers.Production, productionName);

        var report = await Sync.CopyAsync(production, staging, Rules, Salt, CancellationToken.None);

        Assert.Equal(3000, report.Sanitization.Report.Values[RuleKind.Email]);
        Assert.Equal(3000, report.Sanitization.Report.Values[RuleKind.Name]);
        Assert.True(report.Sanitization.Renumbered > 0, "1,500 unique display names cannot all get distinct plain fakes (1,024 names)");
        Assert.Equal(1000, report.Scan.Values);
        foreach (var fragment in new[] { token, "prod.example", $"+44 7700 {token[..3]}" })
            Assert.Empty(await PostgresSyncServers.ColumnsContainingAsync(servers.Staging, stagingName, fragment));
        Assert.Equal([1500L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName, "SELECT count(*) FROM users"));
        Assert.Equal([0L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName, "SELECT count(*) FROM users WHERE email = 'old@staging.example'"));
        Assert.Equal([1L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName, "SELECT count(*) FROM staging_only"));
        Assert.Equal([0L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName,
            "SELECT count(*) FROM orders o LEFT JOIN users u ON u.email = o.customer_email AND u.id = o.user_id WHERE u.id IS NULL"));
        Assert.Equal([3L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"));
        Assert.Equal([1500L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName, "SELECT count(DISTINCT display_name) FROM profiles"));
        Assert.Equal([1500L], await PostgresSyncServers.QueryAsync<long>(servers.Staging, stagingName, "SELECT count(DISTINCT email) FROM users"));
        var fakes = new FakeValues(Salt);
        Assert.Equal([(string)fakes.Replace(RuleKind.Email, $"canary{token}-7@prod.example")!],
            await PostgresSyncServers.QueryAsync<string>(servers.Staging, stagingName, "SELECT email FROM users WHERE id = 7"));
        Assert.Equal([(string)fakes.Replace(RuleKind.Phone, $"+44 7700 {token[..3]}00007")!],
            await PostgresSyncServers.QueryAsync<string>(servers.Staging, stagingName, "SELECT phone FROM users WHERE id = 7"));
        Assert.Equal(productionBefore, await PostgresSyncServers.FingerprintAsync(servers.Production, productionName));
        Assert.DoesNotContain(log.Sink.Messages, m => m.Contains(token, StringComparison.Ordinal) || m.Contains("prod.example", StringComparison.Ordinal));
        await AssertNoScratchLeftAsync();
    }

    [Fact]
    public async Task A_personal_looking_column_without_a_rule_stops_the_sync_naming_it_and_staging_is_unchanged()
    {
        var (production, staging) = await CreateAsync("ALTER TABLE users ADD COLUMN home_address text; UPDATE users SET home_address = '1 Canary Street';");
        var before = await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName);

        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(production, staging, Rules, Salt, CancellationToken.None));

        Assert.Contains("users.home_address looks personal but has no rule", error.Message);
        Assert.DoesNotContain("Canary Street", error.Message);
        Assert.Equal(before, await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName));
        await AssertNoScratchLeftAsync();
    }

    [Fact]
    public async Task A_new_table_without_rules_stops_the_sync_naming_it_and_staging_is_unchanged()
    {
        var (production, staging) = await CreateAsync("CREATE TABLE invoices (id int PRIMARY KEY, amount numeric); INSERT INTO invoices VALUES (1, 10);");
        var before = await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName);

        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(production, staging, Rules, Salt, CancellationToken.None));

        Assert.Contains("table invoices has no rules", error.Message);
        Assert.Equal(before, await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName));
    }

    [Fact]
    public async Task A_column_the_rules_leave_untouched_is_caught_by_the_leak_scan_before_staging_changes()
    {
        var (production, staging) = await CreateAsync("ALTER TABLE users ADD COLUMN contact text; UPDATE users SET contact = email;");
        var rules = SanitizationRules.Parse("""
            { "tables": {
                "users": { "id": "keep", "name": "name", "email": "email", "phone": "phone", "created_at": "keep", "contact": "keep" },
                "orders": { "id": "keep", "user_id": "keep", "customer_email": "email", "note": "text", "total": "keep" },
                "profiles": { "user_id": "keep", "display_name": "name" },
                "schema_version": { "version": "keep", "applied_at": "keep" } } }
            """, "leaky-rules.json");
        var before = await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName);

        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(production, staging, rules, Salt, CancellationToken.None));

        Assert.Contains("in users.contact (staging was not changed)", error.Message);
        Assert.DoesNotContain(token, error.Message);
        Assert.Equal(before, await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName));
    }

    [Fact]
    public async Task Rules_that_break_a_join_stop_the_sync_naming_the_foreign_key_without_quoting_a_value_and_staging_is_unchanged()
    {
        var (production, staging) = await CreateAsync();
        var rules = SanitizationRules.Parse("""
            { "tables": {
                "users": { "id": "keep", "name": "name", "email": "email", "phone": "phone", "created_at": "keep" },
                "orders": { "id": "keep", "user_id": "keep", "customer_email": "text", "note": "text", "total": "keep" },
                "profiles": { "user_id": "keep", "display_name": "name" },
                "schema_version": { "version": "keep", "applied_at": "keep" } } }
            """, "broken-join.json");
        var before = await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName);

        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(production, staging, rules, Salt, CancellationToken.None));

        Assert.Contains("orders_customer_email_fkey", error.Message);
        Assert.Contains("the same rule on the columns it joins", error.Message);
        Assert.DoesNotContain(token, error.Message);
        Assert.DoesNotContain("example.invalid", error.Message);
        Assert.Equal(before, await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName));
        await AssertNoScratchLeftAsync();
    }

    [Fact]
    public async Task A_dump_that_fails_is_reported_as_the_dumps_failure_and_staging_is_unchanged()
    {
        var (_, staging) = await CreateAsync();
        var missing = new PostgresShell(servers.Production.Client, servers.Production.Id, "production's accessory") { Database = $"missing_{token}" };
        var before = await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName);

        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(missing, staging, Rules, Salt, CancellationToken.None));

        Assert.StartsWith("pg_dump in production's accessory failed", error.Message);
        Assert.Contains($"database \"missing_{token}\" does not exist", error.Message);
        Assert.Equal(before, await PostgresSyncServers.FingerprintAsync(servers.Staging, stagingName));
        await AssertNoScratchLeftAsync();
    }

    [Fact]
    public async Task The_leak_scan_names_the_column_holding_a_production_value_and_finds_nothing_when_there_is_none()
    {
        var (_, staging) = await CreateAsync();
        await PostgresSyncServers.ExecuteAsync(servers.Staging, stagingName, $"""
            UPDATE users SET phone = '+44 7700 {token}' WHERE email = 'old@staging.example';
            CREATE TABLE events (id int, payload jsonb); INSERT INTO events VALUES (1, '{"{"}"to": "someone-{token}@prod.example", "n": 1{"}"}');
            """);

        var found = await PostgresLeakScan.ScanAsync(staging, new PostgresLeakSample([$"+44 7700 {token}", $"someone-{token}@prod.example"]), CancellationToken.None);
        var clean = await PostgresLeakScan.ScanAsync(staging, new PostgresLeakSample([$"+44 7700 {token}0", "someone@prod.example"]), CancellationToken.None);

        Assert.Equal(["events.payload", "users.phone"], found.Leaks);
        Assert.Empty(clean.Leaks);
        Assert.Equal("2 production value(s)", new PostgresLeakSample(["a", "b"]).ToString());
    }

    /// <summary>The scratch servers this test's syncs started (their ids, from the log) are gone.</summary>
    async Task AssertNoScratchLeftAsync()
    {
        var started = log.Sink.Events.Where(e => e.MessageTemplate.Text.StartsWith("Started the scratch database", StringComparison.Ordinal))
            .Select(e => e.Properties["Id"].ToString().Trim('"')).ToList();
        Assert.NotEmpty(started);
        var containers = await servers.Production.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        Assert.DoesNotContain(containers, c => started.Any(id => c.ID.StartsWith(id, StringComparison.Ordinal)));
    }
}
