using System.Diagnostics;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>
/// <c>local/dotnet-runtime-deps:&lt;version&gt;-distroless</c>, the local equivalent of the official
/// <c>runtime-deps:&lt;version&gt;-noble-chiseled</c>: only the files of glibc, libgcc, libstdc++, OpenSSL, zlib and tzdata, the CA
/// bundle, and users root, nobody and app (uid 1654, <c>APP_UID</c>, the default user as in the official image); no shell, package
/// manager or ICU (for apps with invariant globalization). Made from the minbase image's installed packages (<see cref="DistrolessRootfs"/>)
/// in a network-less container, so it needs no download of its own, then imported as a one-layer image.
/// </summary>
internal sealed class DistrolessRecipe(MinbaseRecipe minbase, string version, BaseImageOptions options) : BaseRecipe(minbase)
{
    const string Rootfs = "/rootfs", Tarball = "/rootfs.tar";

    public override string Tag => $"local/dotnet-runtime-deps:{version}-distroless";

    public override string Description => $".NET runtime-deps distroless equivalent from the packages of {minbase.Tag}";

    static readonly string[] Settings =
    [
        "ENV DOTNET_RUNNING_IN_CONTAINER=true", "ENV ASPNETCORE_HTTP_PORTS=8080", $"ENV APP_UID={DistrolessRootfs.AppUid}", $"USER {DistrolessRootfs.AppUid}",
    ];

    protected override string Inputs() => $"{Tag}\n{DistrolessRootfs.Script}\n{string.Join('\n', Settings)}";

    public override async Task BuildAsync(DockerClient client, ILogger log, CancellationToken cancellationToken)
    {
        var name = $"app-pipeline-base-{Hash[..12]}";
        await Remover.ContainerAsync(client, name, removeVolumes: false, CancellationToken.None);
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = minbase.Tag, Name = name, Cmd = ["/bin/sh", "-c", DistrolessRootfs.Script, "collect", Rootfs, Tarball], User = "0",
            NetworkDisabled = true, HostConfig = new HostConfig { NetworkMode = "none" },
        }, cancellationToken);
        var clock = Stopwatch.StartNew();
        var file = Path.Combine(options.CacheDirectory, "work", $"distroless-{Hash[..12]}.tar.tar");
        try
        {
            await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), cancellationToken);
            var exit = await client.Containers.WaitContainerAsync(container.ID, cancellationToken);
            if (exit.StatusCode != 0)
                throw new ImageBuildException($"Collecting the files of {string.Join(", ", DistrolessRootfs.Packages)} in {minbase.Tag} exited with {exit.StatusCode}: {await OutputAsync(client, container.ID)}");
            log.Information("Collected the files of {Packages:l} from {Minbase:l} in {Seconds:0.0} s; importing {Tag:l}", string.Join(", ", DistrolessRootfs.Packages), minbase.Tag, clock.Elapsed.TotalSeconds, Tag);
            // Saved first: the tar reader over the engine's chunked answer stream fails with an early end of stream.
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await CopyOutAsync(client, container.ID, file, cancellationToken);
            await using var reader = new TarReader(File.OpenRead(file));
            var rootfs = (await reader.GetNextEntryAsync(copyData: false, cancellationToken))?.DataStream
                ?? throw new ImageBuildException($"The engine's archive of {Tarball} from the container {name} is empty.");
            var (repository, tag) = (Tag[..Tag.LastIndexOf(':')], Tag[(Tag.LastIndexOf(':') + 1)..]);
            var progress = new EngineProgress(log);
            var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag, Changes = [.. Settings, $"LABEL {Label}={Hash}"], Message = Description };
            await client.Images.CreateImageAsync(parameters, rootfs, null, progress, cancellationToken);
            progress.ThrowIfFailed($"Importing the distroless rootfs as {Tag}");
        }
        finally
        {
            File.Delete(file);
            await Remover.ContainerAsync(client, name, removeVolumes: false, CancellationToken.None);
        }
    }

    /// <summary>Saves the engine's archive of <see cref="Tarball"/> (a tar holding that one tar) to <paramref name="file"/>.</summary>
    static async Task CopyOutAsync(DockerClient client, string id, string file, CancellationToken cancellationToken)
    {
        var archive = await client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = Tarball }, statOnly: false, cancellationToken);
        await using var stream = archive.Stream ?? throw new ImageBuildException($"The engine returned no archive of {Tarball} from the container {id[..12]}.");
        await using var saved = File.Create(file);
        await stream.CopyToAsync(saved, cancellationToken);
    }

    static async Task<string> OutputAsync(DockerClient client, string id)
    {
        using var logs = await client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "20" }, CancellationToken.None);
        var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
        return (stdout + stderr).Trim();
    }
}
