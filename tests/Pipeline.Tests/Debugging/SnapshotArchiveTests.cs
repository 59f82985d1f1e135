using System.Formats.Tar;
using System.IO.Compression;
using Pipeline.Debugging;
using Pipeline.Tests.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Debugging;

public sealed class SnapshotArchiveTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("debug-archive-").FullName;

    public void Dispose() => TestMachine.Delete(folder);

    static SnapshotManifest Manifest(params string[] files) => new(
        SnapshotManifest.CurrentFormat, "1.0.0", "abc", DateTimeOffset.UtcNow, "production", "app-production", "1.2.3", "abc123",
        [new SnapshotService("app", "app-production-app-1", "localhost:5000/app@sha256:00", "sha256:00", "running", "healthy", 8080, ["API_TOKEN"])],
        ["rollback-20261123-143000 (production 1.2.2)"], "app.db sanitized", files);

    async Task<string> WriteAsync(string name, bool withManifest = true)
    {
        var database = SampleDatabase.Create(folder, [new SampleUser("Fake Name", "user-1@example.invalid", "+1-555-000-0000")], $"{name}.db");
        await using var writer = new SnapshotWriter(Path.Combine(folder, name + ".tar.gz"));
        await writer.AddTextAsync("containers/app-production-app-1.inspect.json", """{"Config":{"Env":["API_TOKEN=***","MODE=prod"]}}""", default);
        await writer.AddFileAsync("database/app.db", database, default);
        if (withManifest)
            await writer.AddTextAsync(SnapshotManifest.EntryName, JsonRedaction.Serialize(Manifest([.. writer.Entries]), new ValueRedactor(Maskers.New())), default);
        await writer.CompleteAsync();
        return writer.Path;
    }

    [Fact]
    public async Task A_snapshot_is_private_and_reads_back_with_its_manifest_environment_and_database()
    {
        var path = await WriteAsync("complete");

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var snapshot = await SnapshotReader.OpenAsync(path, folder, default);
        try
        {
            Assert.Equal("1.2.3", snapshot.Manifest.Version);
            Assert.Equal(["containers/app-production-app-1.inspect.json", "database/app.db"], snapshot.Manifest.Files);
            Assert.Equal(["API_TOKEN=***", "MODE=prod"], snapshot.Environment);
            Assert.Equal("Fake Name", SampleDatabase.Rows(snapshot.Database!, "SELECT name FROM users")[0][0]);
        }
        finally
        {
            snapshot.DeleteDatabase();
        }
        Assert.False(File.Exists(snapshot.Database));
    }

    [Fact]
    public async Task An_unfinished_snapshot_leaves_no_file()
    {
        var path = Path.Combine(folder, "unfinished.tar.gz");
        await using (var writer = new SnapshotWriter(path))
            await writer.AddTextAsync("lock.json", "{}", default);

        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_missing_file_says_how_to_take_a_snapshot()
    {
        var e = await Assert.ThrowsAsync<DebugException>(() => SnapshotReader.OpenAsync(Path.Combine(folder, "nope.tar.gz"), folder, default));

        Assert.Contains("./build.sh DebugSnapshot", e.Message);
    }

    [Fact]
    public async Task A_corrupt_file_is_refused_and_nothing_is_extracted()
    {
        var path = Path.Combine(folder, "corrupt.tar.gz");
        await File.WriteAllTextAsync(path, "this is not gzip");

        var e = await Assert.ThrowsAsync<DebugException>(() => SnapshotReader.OpenAsync(path, folder, default));

        Assert.Contains("not a readable snapshot", e.Message);
        Assert.Equal([path], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task An_archive_without_a_manifest_is_not_a_snapshot()
    {
        var path = await WriteAsync("nomanifest", withManifest: false);

        var e = await Assert.ThrowsAsync<DebugException>(() => SnapshotReader.OpenAsync(path, folder, default));

        Assert.Contains("holds no manifest.json", e.Message);
        Assert.Empty(Directory.GetDirectories(folder));
    }

    [Fact]
    public async Task A_manifest_of_another_format_is_refused()
    {
        var path = Path.Combine(folder, "future.tar.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, SnapshotManifest.EntryName) { DataStream = new MemoryStream("""{"format":99,"environment":"x","services":[]}"""u8.ToArray()) };
            await tar.WriteEntryAsync(entry);
        }

        var e = await Assert.ThrowsAsync<DebugException>(() => SnapshotReader.OpenAsync(path, folder, default));

        Assert.Contains("format 99", e.Message);
    }
}
