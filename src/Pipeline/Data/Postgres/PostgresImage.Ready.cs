using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Data.Postgres;

public static partial class PostgresImage
{
    /// <summary>How long a first start (initdb included) may take before <see cref="WaitReadyAsync"/> gives up.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Waits until the container's health check (<c>pg_isready</c>) passes. A container that exits, or is still not healthy
    /// after <see cref="StartTimeout"/>, ends the wait with a <see cref="DataException"/> quoting the end of its log.
    /// </summary>
    public static async Task WaitReadyAsync(DockerClient docker, string containerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docker);
        await Poll.UntilAsync<ContainerInspectResponse>(
            async (_, token) =>
            {
                var container = await docker.Containers.InspectContainerAsync(containerId, token);
                if (container.State is { Running: false, Restarting: false })
                    throw new DataException($"Postgres container {ContainerData.Short(containerId)} exited with code {container.State.ExitCode} before it was ready: {await LogTailAsync(docker, containerId, token)}");
                return container.State?.Health?.Status == "healthy" ? container : null;
            },
            new PollOptions(TimeSpan.FromMilliseconds(200), StartTimeout),
            async elapsed => throw new DataException($"Postgres container {ContainerData.Short(containerId)} was not ready after {elapsed.TotalSeconds:F0} s: {await LogTailAsync(docker, containerId, ct)}"),
            ct);
    }

    static async Task<string> LogTailAsync(DockerClient docker, string containerId, CancellationToken ct)
    {
        using var logs = await docker.Containers.GetContainerLogsAsync(containerId, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "10" }, ct);
        var (stdout, stderr) = await logs.ReadOutputToEndAsync(ct);
        return string.Join(" | ", (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
