using Pipeline.Data;
using Pipeline.Data.Postgres;

namespace Pipeline.Tests.Data.Postgres;

public sealed class PostgresRestoreTests
{
    [Fact]
    public async Task A_restore_brings_back_the_exact_counts_and_checksums_and_leaves_unknown_tables_alone()
    {
        await using var world = await PostgresBackupFixture.StartAsync("restore");
        var backup = await world.BackUpAsync();
        await world.Postgres.ExecuteAsync("""
            DELETE FROM orders WHERE id % 3 = 0;
            UPDATE customers SET name = 'renamed' WHERE id = 42;
            INSERT INTO customers (name, email, joined) VALUES ('late', 'late@example.com', now());
            DROP TABLE billing.invoices;
            CREATE TABLE added_later (id int);
            INSERT INTO added_later VALUES (1), (2);
            """);

        var result = await world.Restore.RestoreAsync(world.Accessory, backup, world.Store, CancellationToken.None);

        Assert.True(result.Check.Verified, result.Check.Describe());
        var live = await world.LiveFactsAsync();
        Assert.Equal(backup.RequirePostgres().Tables, live.Where(t => t.Table != "public.added_later"));
        Assert.Equal((1000L, 200L, 50L, 2L), (await world.CountAsync("orders"), await world.CountAsync("customers"), await world.CountAsync("billing.invoices"), await world.CountAsync("added_later")));
        Assert.Equal("customer 42", await world.Postgres.ScalarAsync<string>("SELECT name FROM customers WHERE id = 42"));
    }

    [Fact]
    public async Task A_corrupt_backup_is_refused_before_the_live_database_is_touched()
    {
        await using var world = await PostgresBackupFixture.StartAsync("refused");
        var backup = await world.BackUpAsync();
        await world.Postgres.ExecuteAsync("INSERT INTO orders (customer_id, amount) SELECT 1, 1 FROM generate_series(1, 10)");
        var before = await world.LiveFactsAsync();
        world.Corrupt(backup);

        var error = await Assert.ThrowsAsync<DataException>(() => world.Restore.RestoreAsync(world.Accessory, backup, world.Store, CancellationToken.None));

        Assert.Contains($"Backup {backup.Id} is corrupt: sha256 of", error.Message);
        Assert.Contains("nothing was changed", error.Message);
        Assert.Equal(1010L, await world.CountAsync("orders"));
        Assert.Equal(before, await world.LiveFactsAsync());
    }

    [Fact]
    public async Task A_restore_that_fails_half_way_leaves_the_database_as_it_was()
    {
        await using var world = await PostgresBackupFixture.StartAsync("rollback");
        var backup = await world.BackUpAsync();
        await world.Postgres.ExecuteAsync("""
            INSERT INTO orders (customer_id, amount) SELECT 1, 1 FROM generate_series(1, 10);
            CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100;
            """);
        var before = await world.LiveFactsAsync();

        var error = await Assert.ThrowsAsync<DataException>(() => world.Restore.RestoreAsync(world.Accessory, backup, world.Store, CancellationToken.None));

        Assert.Contains("it ran in one transaction, so the database is as it was", error.Message);
        Assert.Contains("cannot drop table public.orders because other objects depend on it", error.Message);
        Assert.Equal(before, await world.LiveFactsAsync());
        Assert.Equal(1010L, await world.CountAsync("orders"));
    }

    [Fact]
    public async Task The_rows_a_restore_would_lose_are_counted_per_table()
    {
        await using var world = await PostgresBackupFixture.StartAsync("loss");
        var backup = await world.BackUpAsync();
        var unchanged = await world.Restore.LossAsync(world.Accessory, backup, CancellationToken.None);
        await world.Postgres.ExecuteAsync("""
            INSERT INTO orders (customer_id, amount) SELECT 1, 1 FROM generate_series(1, 7);
            INSERT INTO customers (name, email, joined) SELECT 'new ' || i, 'new' || i || '@example.com', now() FROM generate_series(1, 3) i;
            DELETE FROM billing.invoices WHERE id <= 2;
            INSERT INTO audit_log VALUES (now(), 'edited');
            DELETE FROM audit_log;
            """);

        var loss = await world.Restore.LossAsync(world.Accessory, backup, CancellationToken.None);

        Assert.False(unchanged.Changed);
        Assert.Equal(0, unchanged.RowsLost);
        Assert.Contains("has not changed", unchanged.Describe());
        Assert.True(loss.Changed);
        Assert.Equal(10, loss.RowsLost);
        Assert.Equal(
            [("billing.invoices", 48L, 50L, 0L, true), ("public.audit_log", 0L, 0L, 0L, false), ("public.customers", 203L, 200L, 3L, true), ("public.orders", 1007L, 1000L, 7L, true)],
            loss.Tables.Select(t => (t.Table, t.RowsNow, t.RowsInBackup, t.RowsLost, t.Changed)));
        Assert.Contains("10 row(s) would be lost: public.customers 3, public.orders 7", loss.Describe());
    }
}
