using System.Globalization;

namespace Pipeline.Data;

/// <summary>
/// The backups of one environment, one folder each (<c>&lt;root&gt;/backups/&lt;environment&gt;/&lt;yyyyMMdd-HHmmss&gt;/</c>
/// holding <c>data.tar</c> and <c>manifest.json</c>). A backup appears only once complete: it is written into a hidden
/// folder and renamed.
/// </summary>
public sealed class BackupStore(string directory)
{
    /// <summary>The archive inside each backup folder.</summary>
    public const string ArchiveName = "data.tar";

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
