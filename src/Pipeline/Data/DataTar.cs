using System.Formats.Tar;

namespace Pipeline.Data;

/// <summary>Tars of a data folder: the engine's (entries under the folder's own name) and those written back (owned by the app user).</summary>
internal static class DataTar
{
    const UnixFileMode Plain = (UnixFileMode)0b110_100_100;
    const UnixFileMode Executable = (UnixFileMode)0b111_101_101;

    /// <summary>An entry's path inside the data folder: <c>data/sub/x</c> → <c>sub/x</c>; the folder itself → empty.</summary>
    public static string Relative(string entryName)
    {
        var name = entryName.Replace('\\', '/').TrimStart('.', '/').TrimEnd('/');
        var slash = name.IndexOf('/');
        return slash < 0 ? "" : name[(slash + 1)..];
    }

    public static async Task<IReadOnlyList<BackupFile>> FilesAsync(string tarPath, CancellationToken ct)
    {
        await using var file = File.OpenRead(tarPath);
        await using var tar = new TarReader(file);
        var files = new List<BackupFile>();
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            if (IsFile(entry) && Relative(entry.Name) is { Length: > 0 } name)
                files.Add(new(name, entry.Length, entry.DataStream is { } data ? await FileHash.OfStreamAsync(data, ct) : FileHash.Empty));
        return files;
    }

    /// <summary>
    /// Writes every entry of the backup owned by <paramref name="owner"/>, then a zero-length file for each of the
    /// <paramref name="live"/> files the backup does not hold; returns those.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteOwnedAsync(TarWriter writer, string tarPath, DataOwner owner, IEnumerable<string> live, CancellationToken ct)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        await using (var file = File.OpenRead(tarPath))
        await using (var tar = new TarReader(file))
        {
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                var name = Relative(entry.Name);
                if (name.Length == 0 || !written.Add(name))
                    continue;
                if (entry.EntryType == TarEntryType.Directory)
                    await writer.WriteEntryAsync(OwnedDirectory(name, owner), ct);
                else if (entry.EntryType == TarEntryType.SymbolicLink)
                    await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = entry.LinkName, Uid = owner.Uid, Gid = owner.Gid }, ct);
                else if (IsFile(entry))
                    await writer.WriteEntryAsync(OwnedFile(name, owner, entry.DataStream, entry.Mode.HasFlag(UnixFileMode.UserExecute), entry.ModificationTime), ct);
            }
        }
        var emptied = live.Where(name => !written.Contains(name)).ToList();
        foreach (var name in emptied)
            await writer.WriteEntryAsync(OwnedFile(name, owner, null), ct);
        return emptied;
    }

    public static PaxTarEntry OwnedFile(string name, DataOwner owner, Stream? data, bool executable = false, DateTimeOffset? modified = null) =>
        new(TarEntryType.RegularFile, name)
        {
            Mode = executable ? Executable : Plain, Uid = owner.Uid, Gid = owner.Gid, ModificationTime = modified ?? DateTimeOffset.UtcNow, DataStream = data,
        };

    static PaxTarEntry OwnedDirectory(string name, DataOwner owner) =>
        new(TarEntryType.Directory, name + "/") { Mode = Executable, Uid = owner.Uid, Gid = owner.Gid, ModificationTime = DateTimeOffset.UtcNow };

    public static bool IsFile(TarEntry entry) =>
        entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
}
