using System.Formats.Tar;
using Pipeline.Docker;

namespace Pipeline.Images.Base;

/// <summary>
/// A tar of host files streamed as it is written (no temporary file), owned by root, for the Engine API's archive upload:
/// the <paramref name="selection"/> under <paramref name="hostRoot"/> lands under <paramref name="imageRoot"/>, plus symlinks.
/// </summary>
internal sealed class LayerTar(string hostRoot, string imageRoot, IReadOnlyList<string> selection, IReadOnlyDictionary<string, string> symlinks)
{
    static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, MatchType = MatchType.Simple, IgnoreInaccessible = false };
    readonly HashSet<string> written = [];

    /// <summary>Starts writing and returns the stream to read the tar from; a write error surfaces on the reading side.</summary>
    public Stream Open() => TarPipe.Open(WriteAsync);

    async Task WriteAsync(TarWriter tar)
    {
        foreach (var relative in selection)
        {
            var parts = relative.Split('/');
            for (var i = 0; i < parts.Length; i++)
                await WriteAsync(tar, new DirectoryInfo(Path.Combine(hostRoot, string.Join('/', parts[..i]))), string.Join('/', parts[..i]));
            var host = Path.Combine(hostRoot, relative);
            FileSystemInfo top = Directory.Exists(host) ? new DirectoryInfo(host) : new FileInfo(host);
            await WriteAsync(tar, top, relative);
            var pending = new Stack<DirectoryInfo>(top is DirectoryInfo { LinkTarget: null } d ? [d] : []);
            while (pending.TryPop(out var directory))
            {
                foreach (var info in directory.EnumerateFileSystemInfos("*", Everything).OrderBy(i => i.Name, StringComparer.Ordinal))
                {
                    await WriteAsync(tar, info, Path.GetRelativePath(hostRoot, info.FullName).Replace('\\', '/'));
                    if (info is DirectoryInfo { LinkTarget: null } sub)
                        pending.Push(sub);
                }
            }
        }
        foreach (var (path, target) in symlinks)
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, path.TrimStart('/')) { LinkName = target, Mode = (UnixFileMode)0b111_111_111, Uid = 0, Gid = 0 });
    }

    async Task WriteAsync(TarWriter tar, FileSystemInfo info, string relative)
    {
        var name = relative.Length == 0 ? imageRoot : $"{imageRoot}/{relative}";
        if (!written.Add(name))
            return;
        var type = info.LinkTarget is not null ? TarEntryType.SymbolicLink : info is DirectoryInfo ? TarEntryType.Directory : TarEntryType.RegularFile;
        if (!info.Exists && info.LinkTarget is null)
            throw new FileNotFoundException($"{info.FullName} is missing from the .NET folder.", info.FullName);
        var entry = new PaxTarEntry(type, type == TarEntryType.Directory ? name + "/" : name)
        {
            Mode = info.UnixFileMode, ModificationTime = info.LastWriteTimeUtc, Uid = 0, Gid = 0, UserName = "root", GroupName = "root",
        };
        if (type == TarEntryType.SymbolicLink)
            entry.LinkName = info.LinkTarget!;
        if (type != TarEntryType.RegularFile)
        {
            await tar.WriteEntryAsync(entry);
            return;
        }
        await using var data = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        entry.DataStream = data;
        await tar.WriteEntryAsync(entry);
    }
}
