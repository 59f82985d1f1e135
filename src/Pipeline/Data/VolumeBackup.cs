using Docker.DotNet;
using Serilog;

namespace Pipeline.Data;

/// <summary>
/// Backs up and restores a container's data folder through the Engine API's archive endpoints (no helper image).
/// A backup pauses the container while the archive is read, so a SQLite file is captured between writes.
/// </summary>
public sealed partial class VolumeBackup(DockerClient client, ILogger log)
{
    /// <summary>Who owns the restored files; the sample service's user by default.</summary>
    public DataOwner Owner { get; init; } = DataOwner.App;

    /// <summary>How long a stop waits for the service to exit before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    ContainerData Data => new(client, log, StopTimeout);

    /// <summary>Archives <paramref name="dataPath"/> of the container into a new folder of <paramref name="store"/> and returns its manifest.</summary>
    public async Task<BackupManifest> BackupAsync(string containerId, string dataPath, BackupStore store, BackupInfo info, CancellationToken ct)
    {
        var createdAt = DateTime.UtcNow;
        var incoming = store.CreateIncoming();
        try
        {
            var archive = Path.Combine(incoming, BackupStore.ArchiveName);
            await using (var file = File.Create(archive))
                if (!await Data.ReadPausedAsync(containerId, dataPath, s => s.CopyToAsync(file, ct), ct))
                    throw new DataException($"Container {ContainerData.Short(containerId)} has no {dataPath}: check the data path (the service's volume mount) and try again.");
            var manifest = store.Commit(incoming, new BackupManifest(
                BackupStore.IdFor(createdAt), info.Environment, createdAt, info.Version, info.Reason, dataPath,
                await FileHash.OfFileAsync(archive, ct), new FileInfo(archive).Length, await DataTar.FilesAsync(archive, ct)));
            log.Information("Backup {Id} of {Environment} ({Version}): {Files} file(s), {Size} bytes, sha256 {Sha256}",
                manifest.Id, manifest.Environment, manifest.Version, manifest.Files.Count, manifest.Size, manifest.Sha256);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(incoming))
                Directory.Delete(incoming, recursive: true);
        }
    }
}
