using System.Security.Cryptography;
using Npgsql;
using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

public sealed class PostgresBackupTests
{
    [Fact]
    public async Task A_backup_of_a_populated_database_records_its_facts_and_verifies()
    {
        await using var world = await PostgresBackupFixture.StartAsync("backup");

        var backup = await world.BackUpAsync();
        var verification = await world.Verifier.VerifyAsync(backup, world.Store, CancellationToken.None);

        Assert.Equal((BackupKind.Postgres, PostgresContainer.Database), (backup.Kind, backup.DataPath));
        var dump = world.Store.ArchivePath(backup);
        Assert.Equal(BackupStore.DumpName, Path.GetFileName(dump));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dump))), backup.Sha256);
        Assert.Equal("PGDMP", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(dump)[..5]));
        var facts = backup.RequirePostgres();
        Assert.StartsWith("15.", facts.ServerVersion);
        Assert.Equal(
            [("billing.invoices", 50L), ("public.audit_log", 0L), ("public.customers", 200L), ("public.orders", 1000L)],
            facts.Tables.Select(t => (t.Table, t.Rows)));
        Assert.Equal(await world.LiveFactsAsync(), facts.Tables);
        Assert.Equal(facts.Tables, world.Store.Find(backup.Id).RequirePostgres().Tables);
        Assert.True(verification.Verified, verification.Describe());
        Assert.Empty(verification.Mismatches);
        Assert.Null(verification.PromotionStop);
        Assert.Equal((4, 1250L), (verification.Tables, verification.Rows));
        Assert.Contains(world.Sink.Messages, m => m.Contains($"backup {backup.Id} verified"));
    }

    [Fact]
    public async Task Writes_during_the_backup_are_in_both_the_dump_and_the_facts_or_in_neither()
    {
        await using var world = await PostgresBackupFixture.StartAsync("writes");
        using var stop = new CancellationTokenSource();
        var inserted = 0;
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            await using var connection = await world.Postgres.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var insert = new NpgsqlCommand("INSERT INTO orders (customer_id, amount, note) VALUES (1, 9.99, 'during the backup')", connection);
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref inserted);
                firstWrite.TrySetResult();
            }
        });
        await firstWrite.Task;

        var backup = await world.BackUpAsync();
        var before = Volatile.Read(ref inserted);
        await Poll(() => Volatile.Read(ref inserted) > before);
        await stop.CancelAsync();
        await writer;
        var verification = await world.Verifier.VerifyAsync(backup, world.Store, CancellationToken.None);

        var orders = backup.RequirePostgres().Tables.Single(t => t.Table == "public.orders").Rows;
        Assert.InRange(orders, 1001, await world.CountAsync("orders") - 1);
        Assert.True(verification.Verified, verification.Describe());
    }

    [Fact]
    public async Task Facts_that_do_not_match_the_dump_fail_verification_naming_each_table()
    {
        await using var world = await PostgresBackupFixture.StartAsync("facts");
        var backup = await world.BackUpAsync();
        var facts = backup.RequirePostgres();
        var tampered = backup with
        {
            Postgres = facts with
            {
                Tables = [.. facts.Tables.Select(t => t.Table switch
                {
                    "public.orders" => t with { Rows = t.Rows + 1 },
                    "public.customers" => t with { Checksum = new string('0', 32) },
                    _ => t,
                })],
            },
        };

        var verification = await world.Verifier.VerifyAsync(tampered, world.Store, CancellationToken.None);

        Assert.False(verification.Verified);
        Assert.Equal(
            [("public.customers", PostgresMismatchKind.Checksum), ("public.orders", PostgresMismatchKind.RowCount)],
            verification.Mismatches.Select(m => (m.Table, m.Kind)));
        Assert.Contains("public.orders: 1,001 row(s) at backup time, 1,000 restored", verification.PromotionStop);
        Assert.Contains("public.customers: checksum 00000000000000000000000000000000 at backup time", verification.PromotionStop);
        Assert.Contains("The promotion stops before anything changes", verification.PromotionStop);
    }

    [Fact]
    public async Task A_dump_of_other_content_than_its_facts_fails_verification_naming_the_table()
    {
        await using var world = await PostgresBackupFixture.StartAsync("dump");
        var backup = await world.BackUpAsync();
        await world.Postgres.ExecuteAsync("DELETE FROM orders WHERE id <= 5; UPDATE billing.invoices SET total = 0 WHERE id = 7;");
        var other = await world.BackUpAsync();
        File.Copy(world.Store.ArchivePath(other), world.Store.ArchivePath(backup), overwrite: true);
        var swapped = backup with { Sha256 = other.Sha256, Size = other.Size };

        var verification = await world.Verifier.VerifyAsync(swapped, world.Store, CancellationToken.None);

        Assert.False(verification.Verified);
        Assert.Equal(
            [("billing.invoices", PostgresMismatchKind.Checksum), ("public.orders", PostgresMismatchKind.RowCount)],
            verification.Mismatches.Select(m => (m.Table, m.Kind)));
        Assert.Contains("public.orders: 1,000 row(s) at backup time, 995 restored", verification.Describe());
    }

    [Fact]
    public async Task A_corrupt_archive_does_not_verify()
    {
        await using var world = await PostgresBackupFixture.StartAsync("corrupt");
        var backup = await world.BackUpAsync();
        world.Corrupt(backup);

        var verification = await world.Verifier.VerifyAsync(backup, world.Store, CancellationToken.None);

        Assert.False(verification.Verified);
        Assert.Contains($"Backup {backup.Id} is corrupt: sha256 of", verification.Problem);
        Assert.Contains("The promotion stops before anything changes", verification.PromotionStop);
    }

    static async Task Poll(Func<bool> condition)
    {
        Assert.True(await Pipeline.Docker.Poll.UntilTrueAsync(_ => Task.FromResult(condition()),
            new Pipeline.Docker.PollOptions(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30)), CancellationToken.None));
    }
}
