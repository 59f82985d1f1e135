using System.Globalization;

namespace Pipeline.Data;

/// <summary>
/// The backups of one environment, one folder each (<c>&lt;root&gt;/backups/&lt;environment&gt;/&lt;yyyyMMdd-HHmmss&gt;/</c>
/// holding <c>manifest.json</c> and the archive: <c>data.tar</c> for SQLite, <c>data.pgdump</c> for Postgres). A backup appears only once complete: it is written into a hidden
/// folder and renamed.
/// </summary>
public sealed class BackupStore(string directory)
{
    /// <summary>The archive inside each SQLite backup folder.</summary>
    public const string ArchiveName = "data.tar";

    /// <summary>The archive inside each Postgres backup folder (<c>pg_dump --format=custom</c>).</summary>
    public const string DumpName = "data.pgdump";

    /// <summary>The environment's backup folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Every complete backup, newest first; folders without a readable manifest are left out.</summary>
    public IReadOnlyList<BackupManifest> List() =>
        [.. Folders().Select(TryRead).OfType<BackupManifest>().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id, StringComparer.Ordinal)];

    /// <summary>The backup named <paramref name="id"/>; the error lists the nearest ids when there is none.</summary>
    public BackupManifest Find(string id)
    {
        if (Folders().Contains(id, StringComparer.Ordinal))
            return BackupManifest.Read(Path.Combine(Directory, id));
        var ids = List().Select(m => m.Id).ToList();
        throw new DataException(ids.Count == 0
            ? $"No backup '{id}': {Directory} holds no backups yet. Take one first."
            : $"No backup '{id}' in {Directory}. Nearest: {string.Join(", ", BackupIds.Nearest(id, ids, 3))}; newest: {ids[0]}. Pick one of those ids.");
    }

    /// <summary>The path of a backup's <c>data.tar</c>.</summary>
    public string ArchivePath(string id) => Path.Combine(Directory, id, ArchiveName);

    /// <summary>The path of a backup's archive, whatever its kind.</summary>
    public string ArchivePath(BackupManifest backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return Path.Combine(Directory, backup.Id, backup.Kind == BackupKind.Postgres ? DumpName : ArchiveName);
    }

    /// <summary>
    /// The backup's archive after checking that it is there and that its sha256 is the manifest's; a missing or corrupt
    /// archive is a <see cref="DataException"/> saying nothing was changed.
    /// </summary>
    public async Task<string> CheckedArchiveAsync(BackupManifest backup, CancellationToken ct)
    {
        var archive = ArchivePath(backup);
        if (!File.Exists(archive))
            throw new DataException($"Backup {backup.Id} has no {Path.GetFileName(archive)} in {Directory}; nothing was changed. Restore another backup from {Directory}.");
        var actual = await FileHash.OfFileAsync(archive, ct);
        return actual == backup.Sha256
            ? archive
            : throw new DataException($"Backup {backup.Id} is corrupt: sha256 of {archive} is {actual}, expected {backup.Sha256}; nothing was changed. Restore another backup.");
    }

    internal string CreateIncoming() =>
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, $".incoming-{Guid.NewGuid():N}")).FullName;

    internal BackupManifest Commit(string incoming, BackupManifest manifest)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = attempt == 1 ? manifest.Id : $"{manifest.Id}-{attempt}";
            var named = manifest with { Id = id };
            named.Write(incoming);
            try
            {
                System.IO.Directory.Move(incoming, Path.Combine(Directory, id));
                return named;
            }
            catch (IOException) when (System.IO.Directory.Exists(Path.Combine(Directory, id)) && attempt < 100)
            {
            }
        }
    }

    internal static string IdFor(DateTime createdAt) => createdAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    IEnumerable<string> Folders() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateDirectories(Directory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.'))
            : [];

    BackupManifest? TryRead(string id)
    {
        try
        {
            return BackupManifest.Read(Path.Combine(Directory, id));
        }
        catch (DataException)
        {
            return null;
        }
    }
}
