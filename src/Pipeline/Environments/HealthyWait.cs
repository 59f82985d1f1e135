using Docker.DotNet;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Environments;

/// <summary>Polls the project's containers until all run healthy; fails fast on exit, restart or unhealthy, with the failing container's last log lines.</summary>
internal sealed class HealthyWait(DockerClient client, EnvironmentSettings settings, ILogger log)
{
    public const int LogLines = 30;

    /// <summary>How long a container without HEALTHCHECK must keep running, without a restart, to count as healthy.</summary>
    public static readonly TimeSpan SteadyWithoutHealthcheck = TimeSpan.FromSeconds(3);

    /// <summary>How long a container may stay unhealthy before the wait gives up early: a slow start (a loaded machine, a
    /// CPU-limited laptop profile) can fail a few probes and then pass.</summary>
    public static readonly TimeSpan UnhealthyGrace = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, (DateTimeOffset? StartedAt, TimeSpan Seen)> running = [];
    private readonly Dictionary<string, TimeSpan> unhealthySince = [];

    public async Task RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        Dictionary<string, long>? restarts = null;
        IReadOnlyList<ContainerStatus> containers = [];
        await Poll.UntilAsync(
            async (elapsed, token) =>
            {
                containers = await ProjectContainers.ServingAsync(client, settings.ProjectName, token);
                if (containers.Count == 0)
                    throw new EnvironmentException($"Cannot wait for {settings.Name} to become healthy: {settings.NothingDeployedMessage}.");
                restarts ??= containers.ToDictionary(c => c.Id, c => c.RestartCount);
                foreach (var container in containers)
                    if (Failure(container, restarts.GetValueOrDefault(container.Id)) is { } failure && !WithinGrace(container, elapsed))
                        throw await FailAsync(container, $"{settings.Name} is not healthy: {failure}", token);
                if (containers.Count(c => IsHealthy(c, elapsed)) != containers.Count)
                    return null;
                foreach (var container in containers.Where(c => c.Health == "none"))
                    log.Warning("{Container} has no HEALTHCHECK: counted as healthy because it kept running for {Seconds} s", container.Name, SteadyWithoutHealthcheck.TotalSeconds);
                log.Information("{Environment} is healthy after {Seconds:0.0} s: {Containers}", settings.Name, elapsed.TotalSeconds, string.Join(", ", containers.Select(c => c.Name)));
                return containers;
            },
            new PollOptions(TimeSpan.FromMilliseconds(500), timeout),
            async elapsed =>
            {
                var waiting = containers.First(c => !IsHealthy(c, elapsed));
                throw await FailAsync(waiting, $"{settings.Name} did not become healthy within {timeout.TotalSeconds:0} s: {Describe(waiting)} is {waiting.State}, health {waiting.Health}. Raise the timeout if start-up is slow, else fix what the log says", ct);
            },
            ct);
    }

    private bool WithinGrace(ContainerStatus c, TimeSpan now)
    {
        if (c.Health != "unhealthy" || !c.IsRunning)
        {
            unhealthySince.Remove(c.Id);
            return false;
        }
        if (!unhealthySince.TryGetValue(c.Id, out var since))
        {
            unhealthySince[c.Id] = since = now;
            log.Warning("{Container} reports unhealthy (last probe: {Probe}); waiting up to {Seconds} s for it to recover", c.Name, c.LastHealthLog ?? "none", UnhealthyGrace.TotalSeconds);
        }
        return now - since < UnhealthyGrace;
    }

    private bool IsHealthy(ContainerStatus c, TimeSpan now)
    {
        if (!c.IsRunning || c.Health is not ("healthy" or "none"))
            return false;
        if (c.Health == "healthy")
            return true;
        if (!running.TryGetValue(c.Id, out var seen) || seen.StartedAt != c.StartedAt)
            running[c.Id] = seen = (c.StartedAt, now);
        return now - seen.Seen >= SteadyWithoutHealthcheck;
    }

    private static string? Failure(ContainerStatus c, long restartsAtStart) => c.State switch
    {
        "exited" or "dead" => $"{Describe(c)} exited with code {c.ExitCode}",
        "restarting" => $"{Describe(c)} keeps exiting (last exit code {c.ExitCode}) and restarting ({c.RestartCount} restart(s))",
        _ when c.RestartCount > restartsAtStart => $"{Describe(c)} exited and restarted {c.RestartCount - restartsAtStart} time(s) while starting",
        _ when c.Health == "unhealthy" => $"{Describe(c)} is unhealthy; last health probe: {c.LastHealthLog ?? "(none)"}",
        _ => null,
    };

    private static string Describe(ContainerStatus c) => $"{c.Name} (service {c.Service})";

    private async Task<EnvironmentException> FailAsync(ContainerStatus container, string message, CancellationToken ct) =>
        new($"{message}.\n{ContainerLogs.Format(container.Name, await ContainerLogs.TailAsync(client, container.Id, LogLines, ct))}");
}
