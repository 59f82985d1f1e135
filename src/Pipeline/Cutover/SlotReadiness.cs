using Docker.DotNet;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Promotion;
using Serilog;

namespace Pipeline.Cutover;

/// <summary>
/// Waits until a freshly started container answers 200 on its health path, asking every 100 ms (never Docker's health interval);
/// fails at once, with its last log lines, when the container stops running.
/// </summary>
/// <param name="log">Where to log.</param>
internal sealed class SlotReadiness(ILogger log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public Task<Verdict> WaitAsync(DockerClient docker, ContainerStatus container, Uri health, TimeSpan timeout, CancellationToken ct) =>
        Poll.UntilAsync(
            async (elapsed, token) =>
            {
                if (await AnswersAsync(health, token))
                {
                    log.Information("{Container} answered {Url} {Seconds:0.00} s after it started", container.Name, health, elapsed.TotalSeconds);
                    return Verdict.Pass;
                }
                var state = await docker.Containers.InspectContainerAsync(container.Id, token);
                return state.State?.Running == true ? null : Verdict.Fail(
                    $"{container.Name} stopped (exit code {state.State?.ExitCode}) before it answered {health}.\n" +
                    ContainerLogs.Format(container.Name, await ContainerLogs.TailAsync(docker, container.Id, HealthyWait.LogLines, token)));
            },
            new PollOptions(Interval, timeout),
            async _ => Verdict.Fail(
                $"{container.Name} did not answer 200 on {health} within {timeout.TotalSeconds:0} s; production was not switched to it.\n" +
                ContainerLogs.Format(container.Name, await ContainerLogs.TailAsync(docker, container.Id, HealthyWait.LogLines, ct))),
            ct);

    private static async Task<bool> AnswersAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(url, ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
