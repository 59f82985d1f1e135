using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Debugging;

/// <summary>The replay's wait for healthy, with a deployment's grace for an unhealthy start.</summary>
internal static class ReplayHealth
{
    /// <summary>
    /// Waits until the replay is healthy (or, without a HEALTHCHECK, keeps running for 3 s). Like a deployment's wait, it lets
    /// an unhealthy container recover for <see cref="Environments.HealthyWait.UnhealthyGrace"/>: a loaded machine can fail a few
    /// probes at start-up and then pass.
    /// </summary>
    public static async Task WaitAsync(DockerClient client, string id, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? runningSince = null;
        TimeSpan? unhealthySince = null;
        State? state = null;
        var healthy = false;
        await Poll.UntilTrueAsync(async token =>
        {
            state = (await client.Containers.InspectContainerAsync(id, token)).State;
            var health = state?.Health?.Status;
            var now = clock.Elapsed;
            healthy = health == "healthy" || (string.IsNullOrEmpty(health) && state?.Running == true && now - (runningSince ??= now) >= TimeSpan.FromSeconds(3));
            unhealthySince = health == "unhealthy" ? unhealthySince ?? now : null;
            return healthy || state?.Running != true || now - unhealthySince >= Environments.HealthyWait.UnhealthyGrace;
        }, new PollOptions(TimeSpan.FromMilliseconds(500), timeout), ct);
        if (!healthy)
            throw new DebugException(
                $"The replay did not become healthy ({(state?.Running == true ? state.Health?.Status ?? "running" : $"exited with code {state?.ExitCode}")}" +
                $"{(state?.Health?.Log?.LastOrDefault()?.Output is { Length: > 0 } probe ? $"; last probe: {probe.Trim()}" : "")}); it was removed. " +
                $"{Environments.ContainerLogs.Format("the replay", await Environments.ContainerLogs.TailAsync(client, id, 30, ct))}\n" +
                "Fix what the log says (a variable DebugLocal left out? set it in the environment of the snapshot's service) and run DebugLocal again.");
    }
}
