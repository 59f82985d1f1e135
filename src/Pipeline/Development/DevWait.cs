using System.Diagnostics;
using Docker.DotNet;
using Pipeline.Environments;
using Serilog;

namespace Pipeline.Development;

/// <summary>Waits for the development environment to turn healthy, telling every few seconds what the container is doing (restore, build, start).</summary>
internal sealed class DevWait(DockerClient client, ComposeEnvironment environment, DevSettings settings, ILogger log)
{
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public async Task<TimeSpan> RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = ReportAsync(clock, timeout, stop.Token);
        try
        {
            await environment.WaitHealthyAsync(timeout, ct);
            return clock.Elapsed;
        }
        catch (EnvironmentException e)
        {
            throw new DevException(
                $"{e.Message}\nThe development environment did not become healthy. See the whole build and start output with {Commands.DevLogs.With(Commands.Flags.Tail, 300)} " +
                $"({Commands.DevLogs.With(Commands.Flags.Follow)} while it starts); a slow first build may need a longer {Commands.Flags.DevTimeout} (now {timeout.TotalSeconds:0} s).", e);
        }
        finally
        {
            await stop.CancelAsync();
            await progress;
        }
    }

    private async Task ReportAsync(Stopwatch clock, TimeSpan timeout, CancellationToken ct)
    {
        using var ticks = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await ticks.WaitForNextTickAsync(ct))
            {
                var container = await ProjectContainers.ListAsync(client, settings.ProjectName, ct) is [var first, ..] ? first : null;
                var last = container is null ? [] : await ContainerLogs.TailAsync(client, container.Id, 1, ct);
                log.Information("Waiting for {Project}: {Seconds:0} s of {Timeout:0} s, health {Health}; last log line: {Line}",
                    settings.ProjectName, clock.Elapsed.TotalSeconds, timeout.TotalSeconds, container?.Health ?? "-", last.Count > 0 ? last[0] : "(none yet)");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
