using System.Formats.Tar;
using System.Security.Cryptography;
using Pipeline.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

public sealed class BackupTests(DataImage image) : IClassFixture<DataImage>, IDisposable
{
    readonly string root = TestMachine.TempDirectory("backups");
    readonly (Serilog.ILogger Logger, InMemorySink Sink) log = InMemorySink.CreateLogger();

    public void Dispose() => TestMachine.Delete(root);

    BackupStore Store => new(Path.Combine(root, "backups", "production"));
    VolumeBackup Backup => new(image.Client, log.Logger) { StopTimeout = TimeSpan.FromSeconds(2) };
    static readonly BackupInfo Info = new("production", "1.2.3+abc1234", "before deploy");

    async Task<(string Container, string Database)> ServiceWithDataAsync()
    {
        var container = await image.StartAsync("backup");
        var database = SampleDatabase.Create(root, [SampleUser.Canary(), SampleUser.Canary()], file: $"{Guid.NewGuid():N}.db");
        await DataFiles.PutFileAsync(image.Client, container, database);
        return (container, database);
    }

    [Fact]
    public async Task A_backup_writes_the_archive_and_a_manifest_whose_sha256_matches()
    {
        var (container, database) = await ServiceWithDataAsync();

        var manifest = await Backup.BackupAsync(container, "/data", Store, Info, CancellationToken.None);

        var folder = Path.Combine(Store.Directory, manifest.Id);
        Assert.Equal([folder], Directory.GetDirectories(Store.Directory));
        Assert.Matches("^[0-9]{8}-[0-9]{6}$", manifest.Id);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        var tar = Store.ArchivePath(manifest.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tar))), manifest.Sha256);
        Assert.Equal(new FileInfo(tar).Length, manifest.Size);
        var file = Assert.Single(manifest.Files);
        Assert.Equal("app.db", file.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(database))), file.Sha256);
        Assert.Equal(("production", "1.2.3+abc1234", "before deploy", "/data"), (manifest.Environment, manifest.Version, manifest.Reason, manifest.DataPath));
        Assert.Equal(DateTimeKind.Utc, manifest.CreatedAt.Kind);
        Assert.Contains("\"createdAt\": \"" + manifest.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss"), File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var found = Store.Find(manifest.Id);
        Assert.Equal(manifest, found with { Files = manifest.Files });
        Assert.Equal(manifest.Files, found.Files);
        Assert.Contains(log.Sink.Messages, m => m.Contains("was paused for") && m.Contains(" ms"));
        Assert.True((await image.InspectAsync(container)).State!.Running);
        Assert.False((await image.InspectAsync(container)).State!.Paused);
    }

    [Fact]
    public async Task A_restore_brings_back_the_exact_rows_owned_by_the_app_user_and_empties_a_stale_journal()
    {
        var (container, database) = await ServiceWithDataAsync();
        var manifest = await Backup.BackupAsync(container, "/data", Store, Info, CancellationToken.None);
        var (rows, checksum) = (SampleDatabase.Count(database, "users"), SampleDatabase.Checksum(database));
        SampleDatabase.Execute(database, "DELETE FROM users WHERE id = 1; INSERT INTO users(name) VALUES ('after the backup'); UPDATE jobs SET status = 'changed'");
        await DataFiles.PutFileAsync(image.Client, container, database);
        await DataFiles.PutAsync(image.Client, container, new Dictionary<string, byte[]> { ["app.db-journal"] = new byte[4096], ["uploads.bin"] = [1, 2, 3] }, uid: 0);
        var startedBefore = (await image.InspectAsync(container)).State!.StartedAt;

        await Backup.RestoreAsync(container, manifest, Store, CancellationToken.None);

        var files = await DataFiles.ReadAsync(image.Client, container);
        var restored = Path.Combine(root, $"{Guid.NewGuid():N}.db");
        File.WriteAllBytes(restored, files["app.db"].Content);
        Assert.Equal(rows, SampleDatabase.Count(restored, "users"));
        Assert.Equal(checksum, SampleDatabase.Checksum(restored));
        Assert.All(files.Values, f => Assert.Equal((10001, 10001), (f.Uid, f.Gid)));
        Assert.Equal((UnixFileMode)0b110_100_100, files["app.db"].Mode);
        Assert.Empty(files["app.db-journal"].Content);
        Assert.Empty(files["uploads.bin"].Content);
        var state = (await image.InspectAsync(container)).State!;
        Assert.True(state.Running);
        Assert.NotEqual(startedBefore, state.StartedAt);
    }

    [Fact]
    public async Task A_corrupted_archive_is_refused_and_nothing_changes()
    {
        var (container, _) = await ServiceWithDataAsync();
        var manifest = await Backup.BackupAsync(container, "/data", Store, Info, CancellationToken.None);
        var tar = Store.ArchivePath(manifest.Id);
        var bytes = File.ReadAllBytes(tar);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(tar, bytes);
        await DataFiles.PutAsync(image.Client, container, new Dictionary<string, byte[]> { ["app.db"] = "live data"u8.ToArray() });
        var before = await image.InspectAsync(container);

        var error = await Assert.ThrowsAsync<DataException>(() => Backup.RestoreAsync(container, manifest, Store, CancellationToken.None));

        Assert.Contains($"Backup {manifest.Id} is corrupt: sha256", error.Message);
        Assert.Contains($"expected {manifest.Sha256}; nothing was changed", error.Message);
        Assert.Equal("live data"u8.ToArray(), (await DataFiles.ReadAsync(image.Client, container))["app.db"].Content);
        var after = await image.InspectAsync(container);
        Assert.Equal((before.State!.StartedAt, true), (after.State!.StartedAt, after.State!.Running));
    }

    [Fact]
    public async Task A_stopped_container_is_backed_up_and_restored_without_being_started()
    {
        var (container, database) = await ServiceWithDataAsync();
        await image.Client.Containers.StopContainerAsync(container, new global::Docker.DotNet.Models.ContainerStopParameters());
        var manifest = await Backup.BackupAsync(container, "/data", Store, Info, CancellationToken.None);
        await DataFiles.PutAsync(image.Client, container, new Dictionary<string, byte[]> { ["app.db"] = "changed"u8.ToArray() });

        await Backup.RestoreAsync(container, manifest, Store, CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(database), (await DataFiles.ReadAsync(image.Client, container))["app.db"].Content);
        Assert.False((await image.InspectAsync(container)).State!.Running);
        Assert.Contains(log.Sink.Messages, m => m.Contains("read without pausing"));
    }

    [Fact]
    public async Task A_missing_data_folder_is_a_clear_error_and_leaves_no_partial_backup()
    {
        var container = await image.StartAsync("nodata");
        var error = await Assert.ThrowsAsync<DataException>(() => Backup.BackupAsync(container, "/nope", Store, Info, CancellationToken.None));
        Assert.Contains("has no /nope", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Store.Directory));
    }
}
