using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Proxy;

/// <summary>Reads and writes the proxy's configuration volume through the Engine API's archive endpoints (no bind mount, so it works on a remote engine).</summary>
internal sealed class ProxyFiles(DockerClient docker, string container)
{
    /// <summary>Writes <paramref name="files"/> into <see cref="ProxyImage.ConfigDirectory"/>; works on a created or running container.</summary>
    public async Task WriteAsync(IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        using var archive = new MemoryStream();
        await using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, ModificationTime = DateTimeOffset.UtcNow };
                await tar.WriteEntryAsync(entry, ct);
            }
        archive.Position = 0;
        await docker.Containers.ExtractArchiveToContainerAsync(container, new CopyToContainerParameters { Path = ProxyImage.ConfigDirectory }, archive, ct);
    }

    /// <summary>The record in the volume, or null when there is none yet.</summary>
    public async Task<ProxyRecord?> ReadRecordAsync(CancellationToken ct)
    {
        ContainerArchiveResponse archive;
        try
        {
            archive = await docker.Containers.GetArchiveFromContainerAsync(container, new ContainerPathStatParameters { Path = $"{ProxyImage.ConfigDirectory}/{HaproxyConfig.RecordFile}" }, statOnly: false, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        await using var stream = new Pipeline.Data.ArchiveStream(archive.Stream ?? Stream.Null);
        await using var tar = new TarReader(stream);
        if (await tar.GetNextEntryAsync(copyData: false, ct) is not { DataStream: { } data })
            return null;
        using var reader = new StreamReader(data, Encoding.UTF8);
        return ProxyRecord.FromJson(await reader.ReadToEndAsync(ct));
    }
}
