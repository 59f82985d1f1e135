using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

public sealed class PostgresBackupManifestTests : IDisposable
{
    readonly string root = TestMachine.TempDirectory("pg-manifest");

    public void Dispose() => TestMachine.Delete(root);

    static string Folder(string root, string id, string manifest)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
        File.WriteAllText(Path.Combine(folder, BackupManifest.FileName), manifest);
        return folder;
    }

    [Fact]
    public void A_manifest_written_before_kinds_reads_as_sqlite_and_a_postgres_one_keeps_its_facts()
    {
        var hash = new string('a', 64);
        Folder(root, "20261101-000000", $$"""{ "id": "20261101-000000", "environment": "production", "createdAt": "2026-11-01T00:00:00Z", "version": "1.0.0", "reason": "r", "dataPath": "/data", "sha256": "{{hash}}", "size": 3, "files": [] }""");
        Folder(root, "20261102-000000", $$"""
            { "id": "20261102-000000", "environment": "production", "createdAt": "2026-11-02T00:00:00Z", "version": "1.0.1", "reason": "r", "dataPath": "appdb", "sha256": "{{hash}}", "size": 3, "files": [],
              "kind": "postgres", "postgres": { "serverVersion": "15.18", "tables": [ { "schema": "public", "name": "orders", "rows": 7, "checksum": "abc" } ] } }
            """);
        Folder(root, "20261103-000000", $$"""{ "id": "20261103-000000", "environment": "production", "createdAt": "2026-11-03T00:00:00Z", "version": "1.0.2", "reason": "r", "dataPath": "appdb", "sha256": "{{hash}}", "size": 3, "files": [], "kind": "postgres" }""");
        var store = new BackupStore(root);

        var old = store.Find("20261101-000000");
        var postgres = store.Find("20261102-000000");

        Assert.Equal(BackupKind.Sqlite, old.Kind);
        Assert.Equal(Path.Combine(store.Directory, old.Id, BackupStore.ArchiveName), store.ArchivePath(old));
        Assert.Equal(BackupKind.Postgres, postgres.Kind);
        Assert.Equal(Path.Combine(store.Directory, postgres.Id, BackupStore.DumpName), store.ArchivePath(postgres));
        Assert.Equal([new PostgresTableFacts("public", "orders", 7, "abc")], postgres.RequirePostgres().Tables);
        Assert.Contains("postgres appdb: 1 table(s), 7 row(s)", postgres.Describe());
        Assert.Contains("without 'postgres'", Assert.Throws<DataException>(() => store.Find("20261103-000000")).Message);
        Assert.Equal(["20261102-000000", "20261101-000000"], store.List().Select(m => m.Id));
    }

    [Fact]
    public void A_postgres_manifest_is_written_with_its_kind_as_a_word()
    {
        var store = new BackupStore(root);
        var incoming = store.CreateIncoming();
        var at = new DateTime(2026, 11, 23, 14, 30, 0, DateTimeKind.Utc);

        var written = store.Commit(incoming, new BackupManifest(BackupStore.IdFor(at), "production", at, "1.0.0", "test", "appdb", new string('b', 64), 3, [],
            BackupKind.Postgres, new PostgresBackupFacts("15.18", [new PostgresTableFacts("public", "t", 1, "c")])));

        var json = File.ReadAllText(Path.Combine(store.Directory, written.Id, BackupManifest.FileName));
        Assert.Contains("\"kind\": \"postgres\"", json);
        Assert.Contains("\"serverVersion\": \"15.18\"", json);
        Assert.Equal(written.RequirePostgres().Tables, store.Find(written.Id).RequirePostgres().Tables);
    }

    [Fact]
    public async Task A_sqlite_backup_is_not_restored_as_a_postgres_dump()
    {
        using var client = await Pipeline.Docker.Engine.ConnectAsync(CancellationToken.None);
        var (log, _) = InMemorySink.CreateLogger();
        var sqlite = new BackupManifest("20261123-143000", "production", DateTime.UtcNow, "1.0.0", "test", "/data", new string('a', 64), 3, []);

        var error = await Assert.ThrowsAsync<DataException>(() => new PostgresRestore(log).RestoreAsync(new PostgresShell(client, "no-such-container", "nothing"), sqlite, new BackupStore(root), CancellationToken.None));

        Assert.Contains("is a sqlite backup of /data, not a Postgres dump", error.Message);
    }
}
