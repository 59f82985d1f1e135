using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Data;

/// <summary>A container's data folder through the Engine API's archive endpoints: read while paused, write, stop and start.</summary>
internal sealed partial class ContainerData(DockerClient client, ILogger log, TimeSpan stopTimeout)
{
    public async Task<State> StateAsync(string id, CancellationToken ct) =>
        (await InspectAsync(id, ct)).State ?? throw new DataException($"The engine reported no state for container {Short(id)}; check it with 'docker inspect'.");

    public async Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken ct)
    {
        try
        {
            return await client.Containers.InspectContainerAsync(id, ct);
        }
        catch (DockerContainerNotFoundException e)
        {
            throw new DataException($"No container '{id}' on the environment's engine (it went away, or another engine was asked): check that the environment is up with {Commands.HealthCheck}.", e);
        }
    }

    public async Task StopAsync(string id, CancellationToken ct)
    {
        await client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)stopTimeout.TotalSeconds }, ct);
        log.Information("Stopped container {Container}", Short(id));
    }

    public async Task StartAsync(string id, CancellationToken ct)
    {
        await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
        log.Information("Started container {Container} again", Short(id));
    }

    /// <summary>
    /// Stops the container, runs <paramref name="change"/>, and starts the container again when it was running. An engine
    /// or I/O error in <paramref name="change"/> leaves it stopped and is thrown as a <see cref="DataException"/> whose
    /// message <paramref name="failure"/> gives.
    /// </summary>
    public async Task WhileStoppedAsync(string id, Func<Task> change, Func<Exception, string> failure, CancellationToken ct)
    {
        var running = (await StateAsync(id, ct)).Running;
        if (running)
            await StopAsync(id, ct);
        try
        {
            await change();
        }
        catch (Exception e) when (e is DockerApiException or IOException or InvalidDataException or HttpRequestException)
        {
            throw new DataException(failure(e), e);
        }
        if (running)
            await StartAsync(id, ct);
    }

    public static string Short(string id) => id.Length == 64 ? id[..12] : id;
}
