using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Images.Validation;

/// <summary>
/// Waits until the engine reports the container healthy, failing fast when it exits or turns unhealthy.
/// Without a HEALTHCHECK it waits for the health path to answer instead, so the remaining checks still mean something.
/// </summary>
internal static class HealthWait
{
    const string Name = "healthy";

    public static Task<ValidationCheck> RunAsync(DockerClient client, string id, bool hasHealthcheck, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken ct)
    {
        var health = "none";
        return Poll.UntilAsync(
            async (elapsed, token) =>
            {
                var state = (await client.Containers.InspectContainerAsync(id, token)).State ?? new State();
                health = state.Health?.Status ?? "none";
                if (!state.Running)
                    return new ValidationCheck(Name, false, Exited(state, elapsed));
                if (hasHealthcheck ? health == "healthy" : await probe(token))
                    return new ValidationCheck(Name, true, $"{(hasHealthcheck ? "healthy" : "no HEALTHCHECK, but the health path answered 200")} after {Seconds(elapsed)}");
                return health == "unhealthy"
                    ? new ValidationCheck(Name, false, $"unhealthy after {state.Health!.FailingStreak} failed probes ({Seconds(elapsed)}); last probe said: {LastOutput(state.Health)}")
                    : null;
            },
            new PollOptions(TimeSpan.FromMilliseconds(250), timeout),
            _ => Task.FromResult(new ValidationCheck(Name, false, $"did not become healthy within {Seconds(timeout)} (health: {health}); raise the timeout or fix the start-up")),
            ct);
    }

    static string Exited(State state, TimeSpan after) =>
        state.Status == "created"
            ? $"the container did not start{(string.IsNullOrEmpty(state.Error) ? "" : $": {state.Error}")}"
            : $"the container exited with code {state.ExitCode}{(state.OOMKilled ? " (out of memory)" : "")} after {Seconds(after)}; see the log lines below";

    static string LastOutput(global::Docker.DotNet.Models.Health health) =>
        health.Log?.LastOrDefault()?.Output?.Trim() is { Length: > 0 } output ? output : "(no output)";

    static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.0} s";

    public static IReadOnlyList<string> Log(ContainerInspectResponse container) =>
        [.. (container.State?.Health?.Log ?? []).Select(r => $"{r.Start:HH:mm:ss.fff} exit {r.ExitCode}: {r.Output?.Trim()}")];
}
