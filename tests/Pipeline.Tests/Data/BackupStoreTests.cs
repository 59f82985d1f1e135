using Pipeline.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

public sealed class BackupStoreTests : IDisposable
{
    readonly string root = TestMachine.TempDirectory("store");

    public void Dispose() => TestMachine.Delete(root);

    BackupManifest Add(BackupStore store, DateTime at)
    {
        var incoming = store.CreateIncoming();
        File.WriteAllText(Path.Combine(incoming, BackupStore.ArchiveName), "tar");
        return store.Commit(incoming, new BackupManifest(BackupStore.IdFor(at), "production", at, "1.0.0", "test", "/data", new string('a', 64), 3, []));
    }

    [Fact]
    public void List_is_newest_first_and_skips_incomplete_folders()
    {
        var store = new BackupStore(root);
        foreach (var day in new[] { 3, 1, 2 })
            Add(store, new DateTime(2026, 11, day, 14, 30, 0, DateTimeKind.Utc));
        Directory.CreateDirectory(Path.Combine(root, ".incoming-abandoned"));
        Directory.CreateDirectory(Path.Combine(root, "20261201-000000"));

        Assert.Equal(["20261103-143000", "20261102-143000", "20261101-143000"], store.List().Select(m => m.Id));
    }

    [Fact]
    public void Two_backups_in_the_same_second_get_distinct_ids()
    {
        var store = new BackupStore(root);
        var at = new DateTime(2026, 11, 23, 14, 30, 0, DateTimeKind.Utc);
        Assert.Equal(["20261123-143000", "20261123-143000-2"], new[] { Add(store, at), Add(store, at) }.Select(m => m.Id));
        Assert.Equal("20261123-143000-2", store.Find("20261123-143000-2").Id);
    }

    [Fact]
    public void Find_names_the_nearest_ids_when_one_is_missing()
    {
        var store = new BackupStore(root);
        Assert.Contains("holds no backups yet", Assert.Throws<DataException>(() => store.Find("20261123-143000")).Message);
        foreach (var hour in new[] { 1, 12, 14, 23 })
            Add(store, new DateTime(2026, 11, 23, hour, 0, 0, DateTimeKind.Utc));

        var error = Assert.Throws<DataException>(() => store.Find("20261123-133000"));

        Assert.Contains("No backup '20261123-133000'", error.Message);
        Assert.Contains("Nearest: 20261123-140000, 20261123-120000, 20261123-230000", error.Message);
        Assert.Contains("Nearest: 20261123-230000", Assert.Throws<DataException>(() => store.Find("20261123-2300")).Message);
        Assert.Throws<DataException>(() => store.Find("../x"));
    }

    [Fact]
    public void A_broken_manifest_is_reported_by_find()
    {
        var store = new BackupStore(root);
        Directory.CreateDirectory(Path.Combine(root, "20261123-143000"));
        File.WriteAllText(Path.Combine(root, "20261123-143000", BackupManifest.FileName), "{ not json");
        Assert.Contains("cannot be read", Assert.Throws<DataException>(() => store.Find("20261123-143000")).Message);
        Assert.Empty(store.List());
    }
}
