using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Tests.Images;

/// <summary>Runs a command in a throw-away container of an image and returns its exit code and output; the container is removed.</summary>
public static class BaseImageContainer
{
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
