using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

/// <summary>
/// One test's world: a throwaway Postgres "accessory" seeded with three tables in two schemas (one empty, one without a
/// primary key), a backup store in a temp folder, and the backup, verifier and restore under test. Disposing removes
/// the container, its volume and the folder.
/// </summary>
public sealed class PostgresBackupFixture : IAsyncDisposable
{
    public const string Seed = """
        CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, joined timestamptz NOT NULL);
        CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, amount numeric(10,2), placed date,
                             note text, score double precision, payload jsonb, raw bytea);
        CREATE TABLE audit_log (at timestamptz, line text);
        CREATE SCHEMA billing;
        CREATE TABLE billing.invoices (id int PRIMARY KEY, total numeric, due interval);
        INSERT INTO customers (name, email, joined)
          SELECT 'customer ' || i, 'c' || i || '@example.com', timestamptz '2026-01-01 00:00:00+02' + i * interval '1 hour' FROM generate_series(1, 200) i;
        INSERT INTO orders (customer_id, amount, placed, note, score, payload, raw)
          SELECT 1 + i % 200, i * 1.25, date '2026-01-01' + i % 300, CASE WHEN i % 7 = 0 THEN NULL ELSE 'note ' || i END, i / 3.0,
                 jsonb_build_object('i', i, 'tags', jsonb_build_array('a', 'b')), decode(md5(i::text), 'hex')
          FROM generate_series(1, 1000) i;
        INSERT INTO billing.invoices SELECT i, i * 10.5, i * interval '1 day' FROM generate_series(1, 50) i;
        """;

    readonly string root = TestMachine.TempDirectory("pg-backups");

    PostgresBackupFixture(PostgresContainer postgres)
    {
        Postgres = postgres;
        Accessory = new PostgresShell(postgres.Client, postgres.Id, $"the test accessory {postgres.Name}");
        (Log, Sink) = InMemorySink.CreateLogger();
        Store = new BackupStore(Path.Combine(root, "backups", "production"));
    }

    public PostgresContainer Postgres { get; }
    public PostgresShell Accessory { get; }
    public Serilog.ILogger Log { get; }
    public InMemorySink Sink { get; }
    public BackupStore Store { get; }
    public static BackupInfo Info { get; } = new("production", "1.2.3+abc1234", "before deploy");

    public PostgresBackup Backup => new(Log);
    public PostgresBackupVerifier Verifier => new(Postgres.Client, Log);
    public PostgresRestore Restore => new(Log);

    /// <summary>A started, seeded accessory.</summary>
    public static async Task<PostgresBackupFixture> StartAsync(string purpose)
    {
        var postgres = await PostgresContainer.StartAsync(purpose);
        var world = new PostgresBackupFixture(postgres);
        try
        {
            await postgres.ExecuteAsync(Seed);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    public Task<long> CountAsync(string table) => Postgres.ScalarAsync<long>($"SELECT count(*) FROM {table}");

    public Task<IReadOnlyList<PostgresTableFacts>> LiveFactsAsync() => PostgresTableFacts.ReadAsync(Accessory, CancellationToken.None);

    public Task<BackupManifest> BackUpAsync() => Backup.BackupAsync(Accessory, Store, Info, CancellationToken.None);

    /// <summary>Flips a few bytes in the middle of the backup's archive.</summary>
    public void Corrupt(BackupManifest backup)
    {
        var path = Store.ArchivePath(backup);
        var bytes = File.ReadAllBytes(path);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 4; i++)
            bytes[i] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        TestMachine.Delete(root);
    }
}
