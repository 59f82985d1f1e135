using System.Formats.Tar;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Delivery;

/// <summary>
/// Containers that are created and never started: a name only one creator can take, labels, and files reached through the archive API.
/// Their image holds one empty folder, <see cref="Folder"/>; it is imported from a tar made here, so no registry is needed.
/// </summary>
internal static class StateContainers
{
    /// <summary>The folder of the image that files are written into.</summary>
    public const string Folder = "/state";

    /// <summary>
    /// Creates container <paramref name="name"/> (importing the image first when the engine lacks it) and returns its id, or null when a
    /// container of that name exists already: the engine lets exactly one creator have a name.
    /// </summary>
    public static async Task<string?> TryCreateAsync(TargetState target, string name, IDictionary<string, string> labels, IList<Mount>? mounts, CancellationToken ct)
    {
        var parameters = new CreateContainerParameters
        {
            Name = name, Image = target.Image, Cmd = ["/never-started"], Labels = labels, NetworkDisabled = true,
            HostConfig = new HostConfig { Mounts = mounts },
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await target.Docker.Containers.CreateContainerAsync(parameters, ct)).ID;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                return null;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound && attempt <= 3)
            {
                await ImportImageAsync(target, ct);
            }
        }
    }

    /// <summary>The content of <paramref name="path"/> in container <paramref name="id"/>, or null when the file (or the container) is not there.</summary>
    public static async Task<string?> ReadAsync(DockerClient docker, string id, string path, CancellationToken ct)
    {
        ContainerArchiveResponse archive;
        try
        {
            archive = await docker.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, statOnly: false, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await using var stream = new Data.ArchiveStream(archive.Stream ?? Stream.Null);
        await using var tar = new TarReader(stream);
        if (await tar.GetNextEntryAsync(copyData: false, ct) is not { DataStream: { } data })
            return null;
        using var reader = new StreamReader(data);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="folder"/>/<paramref name="file"/> in container <paramref name="id"/>, replacing it.</summary>
    public static async Task WriteAsync(DockerClient docker, string id, string folder, string file, string content, CancellationToken ct)
    {
        using var archive = new MemoryStream();
        await using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, file)
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            }, ct);
        archive.Position = 0;
        await docker.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = folder }, archive, ct);
    }

    /// <summary>Removes container <paramref name="id"/>; false when it was already gone.</summary>
    public static Task<bool> RemoveAsync(DockerClient docker, string id, CancellationToken ct) => Remover.ContainerAsync(docker, id, removeVolumes: false, ct);

    static async Task ImportImageAsync(TargetState target, CancellationToken ct)
    {
        using var rootfs = new MemoryStream();
        await using (var tar = new TarWriter(rootfs, TarEntryFormat.Pax, leaveOpen: true))
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, Folder.TrimStart('/') + "/")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            }, ct);
        rootfs.Position = 0;
        var colon = target.Image.LastIndexOf(':');
        var parameters = new ImagesCreateParameters
        {
            FromSrc = "-", Repo = colon > 0 ? target.Image[..colon] : target.Image, Tag = colon > 0 ? target.Image[(colon + 1)..] : "latest",
            Changes = ["LABEL org.app-pipeline.state.role=image"], Message = "app-pipeline: deploy locks and audit helpers, never started",
        };
        var progress = new Images.Base.EngineProgress(Serilog.Core.Logger.None);
        await target.Docker.Images.CreateImageAsync(parameters, rootfs, null, progress, ct);
        progress.ThrowIfFailed($"Importing {target.Image}");
    }
}
