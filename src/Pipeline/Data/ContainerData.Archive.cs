using System.Diagnostics;
using System.Formats.Tar;
using Pipeline.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Data;

internal sealed partial class ContainerData
{
    /// <summary>Streams the tar of <paramref name="path"/> to <paramref name="read"/> with the container paused; false when the path does not exist.</summary>
    public async Task<bool> ReadPausedAsync(string id, string path, Func<Stream, Task> read, CancellationToken ct)
    {
        var state = await StateAsync(id, ct);
        var pause = state.Running && !state.Paused;
        if (pause)
            await client.Containers.PauseContainerAsync(id, ct);
        var paused = Stopwatch.StartNew();
        try
        {
            return await ReadAsync(id, path, read, ct);
        }
        finally
        {
            if (pause)
            {
                await client.Containers.UnpauseContainerAsync(id, CancellationToken.None);
                log.Information("Container {Container} was paused for {Milliseconds} ms while {Path} was read", Short(id), paused.ElapsedMilliseconds, path);
            }
            else
            {
                log.Information("Container {Container} was {Status}, so {Path} was read without pausing it", Short(id), state.Status, path);
            }
        }
    }

    /// <summary>
    /// Copies the SQLite database <paramref name="databaseFile"/> of <paramref name="dataPath"/>, with its rollback journal or WAL
    /// (SQLite needs them to open a copy taken mid-write consistently), into <paramref name="folder"/>, the container paused;
    /// false when there is no database.
    /// </summary>
    public async Task<bool> CopyDatabaseOutAsync(string id, string dataPath, string databaseFile, string folder, CancellationToken ct)
    {
        string[] wanted = [databaseFile, $"{databaseFile}-journal", $"{databaseFile}-wal"];
        var found = false;
        await ReadPausedAsync(id, dataPath, async stream =>
        {
            await using var tar = new TarReader(stream);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                var name = DataTar.Relative(entry.Name);
                if (!DataTar.IsFile(entry) || !wanted.Contains(name) || entry.DataStream is not { } content)
                    continue;
                await using var file = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write);
                await content.CopyToAsync(file, ct);
                found |= name == databaseFile;
            }
        }, ct);
        return found;
    }

    public async Task<bool> ReadAsync(string id, string path, Func<Stream, Task> read, CancellationToken ct)
    {
        ContainerArchiveResponse archive;
        try
        {
            archive = await client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, statOnly: false, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
        await using var stream = archive.Stream is { } response ? new ArchiveStream(response) : throw new DataException($"The engine returned no archive of {path} in container {Short(id)}; check that it still exists.");
        await read(stream);
        return true;
    }

    public async Task<bool> ExistsAsync(string id, string path, CancellationToken ct)
    {
        try
        {
            await client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, statOnly: true, ct);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The files and links under <paramref name="path"/>, relative to it (empty when the path does not exist).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string id, string path, CancellationToken ct)
    {
        var names = new List<string>();
        await ReadAsync(id, path, async stream =>
        {
            await using var tar = new TarReader(stream);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                if (entry.EntryType != TarEntryType.Directory && DataTar.Relative(entry.Name) is { Length: > 0 } name)
                    names.Add(name);
        }, ct);
        return names;
    }

    public async Task WriteAsync(string id, string path, Func<TarWriter, Task> write, CancellationToken ct)
    {
        await using var tar = TarPipe.Open(write);
        await client.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = path }, tar, ct);
    }
}
