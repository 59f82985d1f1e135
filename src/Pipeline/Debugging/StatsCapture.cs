using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Debugging;

/// <summary>One sample of a container's CPU and memory use (the Engine API's stats, one shot), with the figures worked out.</summary>
public static class StatsCapture
{
    /// <summary>The stats as JSON: <c>cpuPercent</c>, <c>memoryBytes</c>, <c>memoryLimitBytes</c>, <c>memoryPercent</c>, <c>pids</c>, then the raw sample.</summary>
    public static async Task<string> CaptureAsync(DockerClient client, string id, ValueRedactor redactor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ContainerStatsResponse? sample = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false }, new Progress(s => sample ??= s), timeout.Token);
        }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new JsonObject { ["error"] = redactor.Text(e.Message) }.ToJsonString(JsonRedaction.Options);
        }
        if (sample is null)
            return new JsonObject { ["error"] = "the engine returned no sample (is the container running?)" }.ToJsonString(JsonRedaction.Options);
        var cpuDelta = (double)(sample.CPUStats?.CPUUsage?.TotalUsage ?? 0) - (sample.PreCPUStats?.CPUUsage?.TotalUsage ?? 0);
        var systemDelta = (double)(sample.CPUStats?.SystemUsage ?? 0) - (sample.PreCPUStats?.SystemUsage ?? 0);
        var cpus = sample.CPUStats?.OnlineCPUs is > 0 and var online ? (double)online : 1;
        var usage = (double)(sample.MemoryStats?.Usage ?? 0);
        var limit = (double)(sample.MemoryStats?.Limit ?? 0);
        var summary = new JsonObject
        {
            ["cpuPercent"] = systemDelta > 0 && cpuDelta > 0 ? Math.Round(cpuDelta / systemDelta * cpus * 100, 2) : 0,
            ["memoryBytes"] = usage,
            ["memoryLimitBytes"] = limit,
            ["memoryPercent"] = limit > 0 ? Math.Round(100.0 * usage / limit, 2) : 0,
            ["pids"] = sample.PidsStats?.Current,
            ["sample"] = JsonRedaction.Redact(System.Text.Json.JsonSerializer.SerializeToNode(sample, JsonRedaction.Options), redactor),
        };
        return summary.ToJsonString(JsonRedaction.Options);
    }

    sealed class Progress(Action<ContainerStatsResponse> report) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => report(value);
    }
}
