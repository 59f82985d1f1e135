using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Tests.Data;

/// <summary>One file read back from a container's /data, with what the tar says about its owner and mode.</summary>
public sealed record DataFile(string Name, byte[] Content, int Uid, int Gid, UnixFileMode Mode);

/// <summary>Puts files into a container's /data and reads them back, through the Engine API's archive endpoints.</summary>
public static class DataFiles
{
    public static async Task PutAsync(DockerClient client, string container, IReadOnlyDictionary<string, byte[]> files, int uid = 10001)
    {
        using var buffer = new MemoryStream();
        await using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in files)
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { Uid = uid, Gid = uid, Mode = (UnixFileMode)0b110_100_100, DataStream = new MemoryStream(content) });
        buffer.Position = 0;
        await client.Containers.ExtractArchiveToContainerAsync(container, new CopyToContainerParameters { Path = "/data" }, buffer);
    }

    public static Task PutFileAsync(DockerClient client, string container, string hostFile, string name = "app.db") =>
        PutAsync(client, container, new Dictionary<string, byte[]> { [name] = File.ReadAllBytes(hostFile) });

    public static async Task<IReadOnlyDictionary<string, DataFile>> ReadAsync(DockerClient client, string container)
    {
        var archive = await client.Containers.GetArchiveFromContainerAsync(container, new ContainerPathStatParameters { Path = "/data" }, statOnly: false);
        await using var stream = archive.Stream!;
        await using var tar = new TarReader(stream);
        var files = new Dictionary<string, DataFile>();
        while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                continue;
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
                await entry.DataStream.CopyToAsync(content);
            var name = entry.Name["data/".Length..];
            files[name] = new DataFile(name, content.ToArray(), entry.Uid, entry.Gid, entry.Mode);
        }
        return files;
    }

    /// <summary>Copies /data/app.db of the container to a host file and returns its path.</summary>
    public static async Task<string> CopyDatabaseAsync(DockerClient client, string container, string folder)
    {
        var path = Path.Combine(folder, $"copy-{Guid.NewGuid():N}.db");
        await File.WriteAllBytesAsync(path, (await ReadAsync(client, container))["app.db"].Content);
        return path;
    }
}
