using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Tests.Images;

/// <summary>Runs a command in, or lists the files of, a throw-away container of an image; the container is removed.</summary>
public static class BaseImageContainer
{
    /// <summary>The image's paths (relative, without a leading slash; directories end with a slash), symlinks as <c>path -> target</c>.</summary>
    public static async Task<IReadOnlyList<string>> FilesAsync(DockerClient client, string image)
    {
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Cmd = ["none"], Entrypoint = [], NetworkDisabled = true });
        try
        {
            var archive = await client.Containers.GetArchiveFromContainerAsync(container.ID, new ContainerPathStatParameters { Path = "/" }, statOnly: false);
            await using var stream = archive.Stream!;
            await using var tar = new TarReader(stream);
            var files = new List<string>();
            while (await tar.GetNextEntryAsync() is { } entry)
                files.Add(entry.EntryType == TarEntryType.SymbolicLink ? $"{entry.Name.TrimStart('.', '/')} -> {entry.LinkName}" : entry.Name.TrimStart('.', '/'));
            return files;
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    public static async Task<(long ExitCode, string Output)> RunAsync(DockerClient client, string image, params string[] command)
    {
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image, Cmd = command, Entrypoint = [], NetworkDisabled = true, HostConfig = new HostConfig { NetworkMode = "none" },
        });
        try
        {
            await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var exit = await client.Containers.WaitContainerAsync(container.ID, timeout.Token);
            using var logs = await client.Containers.GetContainerLogsAsync(container.ID, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
            return (exit.StatusCode, stdout + stderr);
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }
}
