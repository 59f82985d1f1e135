using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Images;

/// <summary>
/// Waits until the engine reports the container healthy, failing fast when it exits or turns unhealthy.
/// Without a HEALTHCHECK it waits for the health path to answer instead, so the remaining checks still mean something.
/// </summary>
internal static class HealthWait
{
    const string Name = "healthy";

    public static async Task<ValidationCheck> RunAsync(DockerClient client, string id, bool hasHealthcheck, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = (await client.Containers.InspectContainerAsync(id, ct)).State ?? new State();
            var health = state.Health?.Status ?? "none";
            if (!state.Running)
                return new(Name, false, Exited(state, clock.Elapsed));
            if (hasHealthcheck ? health == "healthy" : await probe(ct))
                return new(Name, true, $"{(hasHealthcheck ? "healthy" : "no HEALTHCHECK, but the health path answered 200")} after {Seconds(clock.Elapsed)}");
            if (health == "unhealthy")
                return new(Name, false, $"unhealthy after {state.Health!.FailingStreak} failed probes ({Seconds(clock.Elapsed)}); last probe said: {LastOutput(state.Health)}");
            if (clock.Elapsed >= timeout)
                return new(Name, false, $"did not become healthy within {Seconds(timeout)} (health: {health}); raise the timeout or fix the start-up");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    static string Exited(State state, TimeSpan after) =>
        state.Status == "created"
            ? $"the container did not start{(string.IsNullOrEmpty(state.Error) ? "" : $": {state.Error}")}"
            : $"the container exited with code {state.ExitCode}{(state.OOMKilled ? " (out of memory)" : "")} after {Seconds(after)}; see the log lines below";

    static string LastOutput(Health health) =>
        health.Log?.LastOrDefault()?.Output?.Trim() is { Length: > 0 } output ? output : "(no output)";

    static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.0} s";

    public static IReadOnlyList<string> Log(ContainerInspectResponse container) =>
        [.. (container.State?.Health?.Log ?? []).Select(r => $"{r.Start:HH:mm:ss.fff} exit {r.ExitCode}: {r.Output?.Trim()}")];
}
