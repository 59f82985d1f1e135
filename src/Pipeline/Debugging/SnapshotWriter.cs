using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Pipeline.Debugging;

/// <summary>
/// Writes a snapshot archive (tar.gz) readable only by its owner (0600): entries go to <c>&lt;path&gt;.partial</c>, which
/// <see cref="CompleteAsync"/> renames; disposing without completing deletes it, so a failed snapshot leaves no file behind.
/// </summary>
public sealed class SnapshotWriter : IAsyncDisposable
{
    readonly string partial;
    readonly FileStream file;
    readonly GZipStream gzip;
    readonly TarWriter tar;
    readonly List<string> entries = [];
    bool completed;

    /// <summary>Starts <paramref name="path"/>, creating its folder.</summary>
    public SnapshotWriter(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        partial = Path + ".partial";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        file = new FileStream(partial, options);
        gzip = new GZipStream(file, CompressionLevel.Optimal);
        tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
    }

    /// <summary>The archive once completed.</summary>
    public string Path { get; }

    /// <summary>The entries written so far, in order.</summary>
    public IReadOnlyList<string> Entries => entries;

    /// <summary>Adds a text entry (UTF-8). Callers redact first.</summary>
    public Task AddTextAsync(string name, string text, CancellationToken ct) =>
        AddAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), ct);

    /// <summary>Adds a file's bytes as <paramref name="name"/>.</summary>
    public async Task AddFileAsync(string name, string sourceFile, CancellationToken ct)
    {
        await using var source = File.OpenRead(sourceFile);
        await AddAsync(name, source, ct);
    }

    async Task AddAsync(string name, Stream content, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite, ModificationTime = DateTimeOffset.UtcNow, DataStream = content,
        };
        await tar.WriteEntryAsync(entry, ct);
        entries.Add(name);
    }

    /// <summary>Finishes the archive and moves it to <see cref="Path"/>.</summary>
    public async Task CompleteAsync()
    {
        await CloseAsync();
        File.Move(partial, Path);
        completed = true;
    }

    async Task CloseAsync()
    {
        await tar.DisposeAsync();
        await gzip.DisposeAsync();
        await file.DisposeAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (completed)
            return;
        await CloseAsync();
        File.Delete(partial);
    }
}
