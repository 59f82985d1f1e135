using Docker.DotNet;
using Serilog;

namespace Pipeline.Data;

/// <summary>
/// Backs up and restores a container's data folder through the Engine API's archive endpoints (no helper image).
/// A backup pauses the container while the archive is read, so a SQLite file is captured between writes.
/// </summary>
public sealed class VolumeBackup(DockerClient client, ILogger log)
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

    /// <summary>
    /// Puts a backup back into the container's data folder. The archive's sha256 is checked first (a mismatch changes
    /// nothing). The container is stopped, every file of the backup is written owned by <see cref="Owner"/>, and every
    /// file in the folder that the backup does not hold is emptied to zero bytes: the archive endpoint cannot delete,
    /// and an empty <c>app.db-journal</c> is not a hot journal, so SQLite never replays a stale one over the restored
    /// database. A container that was running is started again.
    /// </summary>
    public async Task RestoreAsync(string containerId, BackupManifest backup, BackupStore store, CancellationToken ct)
    {
        var archive = store.ArchivePath(backup.Id);
        if (!File.Exists(archive))
            throw new DataException($"Backup {backup.Id} has no {BackupStore.ArchiveName} in {store.Directory}; nothing was changed. Restore another backup from {store.Directory}.");
        var actual = await FileHash.OfFileAsync(archive, ct);
        if (actual != backup.Sha256)
            throw new DataException($"Backup {backup.Id} is corrupt: sha256 of {archive} is {actual}, expected {backup.Sha256}; nothing was changed. Restore another backup.");
        var data = Data;
        if (!await data.ExistsAsync(containerId, backup.DataPath, ct))
            throw new DataException($"Container {ContainerData.Short(containerId)} has no {backup.DataPath} to restore backup {backup.Id} into; nothing was changed. Check the service's volume mount.");
        await data.WhileStoppedAsync(containerId, async () =>
        {
            var live = await data.ListAsync(containerId, backup.DataPath, ct);
            IReadOnlyList<string> emptied = [];
            await data.WriteAsync(containerId, backup.DataPath, async w => emptied = await DataTar.WriteOwnedAsync(w, archive, Owner, live, ct), ct);
            log.Information("Restored backup {Id} into {Path} of container {Container}: {Files} file(s) owned by {Owner}; emptied {Emptied} file(s) the backup does not hold: {Names}",
                backup.Id, backup.DataPath, ContainerData.Short(containerId), backup.Files.Count, Owner, emptied.Count, emptied);
        }, e => $"Restoring backup {backup.Id} into container {ContainerData.Short(containerId)} failed after it was stopped ({e.Message}); the container stays stopped and its data folder may be partly restored. Fix the cause and run the restore again.", ct);
    }
}
