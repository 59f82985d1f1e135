using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Debugging;

public sealed partial class LocalReplay
{
    /// <summary>Removes the replay's container and volume; returns what it removed (empty when nothing ran).</summary>
    public async Task<IReadOnlyList<string>> StopAsync(string prefix, CancellationToken ct)
    {
        var removed = new List<string>();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Label}={prefix}"] = true } };
        foreach (var container in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct))
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
            removed.Add("container " + container.Names.FirstOrDefault()?.TrimStart('/'));
        }
        foreach (var volume in (await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, ct)).Volumes ?? [])
        {
            await client.Volumes.RemoveAsync(volume.Name, force: true, ct);
            removed.Add("volume " + volume.Name);
        }
        foreach (var item in removed)
            log.Information("Removed {Item}", item);
        return removed;
    }

    /// <summary>
    /// Waits until the replay is healthy (or, without a HEALTHCHECK, keeps running for 3 s). Like a deployment's wait, it lets
    /// an unhealthy container recover for <see cref="Environments.HealthyWait.UnhealthyGrace"/>: a loaded machine can fail a few
    /// probes at start-up and then pass.
    /// </summary>
    async Task WaitHealthyAsync(string id, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        DateTime? runningSince = null;
        DateTime? unhealthySince = null;
        while (true)
        {
            var state = (await client.Containers.InspectContainerAsync(id, ct)).State;
            var health = state?.Health?.Status;
            if (health == "healthy" || (string.IsNullOrEmpty(health) && state?.Running == true && (runningSince ??= DateTime.UtcNow) < DateTime.UtcNow.AddSeconds(-3)))
                return;
            unhealthySince = health == "unhealthy" ? unhealthySince ?? DateTime.UtcNow : null;
            if (state?.Running != true || DateTime.UtcNow - unhealthySince >= Environments.HealthyWait.UnhealthyGrace || DateTime.UtcNow > deadline)
                throw new DebugException(
                    $"The replay did not become healthy ({(state?.Running == true ? health ?? "running" : $"exited with code {state?.ExitCode}")}" +
                    $"{(state?.Health?.Log?.LastOrDefault()?.Output is { Length: > 0 } probe ? $"; last probe: {probe.Trim()}" : "")}); it was removed. " +
                    $"{Environments.ContainerLogs.Format("the replay", await Environments.ContainerLogs.TailAsync(client, id, 30, ct))}\n" +
                    "Fix what the log says (a variable DebugLocal left out? set it in the environment of the snapshot's service) and run DebugLocal again.");
            await Task.Delay(500, ct);
        }
    }
}
