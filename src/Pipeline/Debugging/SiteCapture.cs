using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Delivery;
using Pipeline.Tools;

namespace Pipeline.Debugging;

/// <summary>The delivery state around a snapshot's environment: its audit tail, its deploy lock and the free disk, redacted.</summary>
internal static class SiteCapture
{
    /// <summary><c>audit/tail.jsonl</c>, <c>lock.json</c> and <c>disk.txt</c>: the delivery state around the environment.</summary>
    public static async Task AddAsync(SnapshotWriter writer, SnapshotRequest request, ValueRedactor redactor, CancellationToken ct)
    {
        var name = request.Environment.Settings.Name;
        var entries = request.Audit.ReadLast(int.MaxValue).Where(e => e.Environment == name).TakeLast(request.AuditEntries);
        var lines = entries.Select(e => JsonRedaction.Redact(JsonSerializer.SerializeToNode(e, AuditLog.Json), redactor)!.ToJsonString(AuditLog.Json) + "\n");
        await writer.AddTextAsync("audit/tail.jsonl", string.Concat(lines), ct);
        var held = await DeployLock.ReadAsync(request.Target, name, ct);
        var lockJson = new JsonObject
        {
            ["environment"] = name,
            ["locked"] = held is not null,
            ["holder"] = held?.Describe(),
            ["stale"] = held?.IsStale,
            ["container"] = request.Target.LockContainer(name),
            ["leaseExpiresAt"] = held?.ExpiresAt,
        };
        await writer.AddTextAsync("lock.json", JsonRedaction.Redact(lockJson, redactor)!.ToJsonString(JsonRedaction.Options), ct);
        await writer.AddTextAsync("disk.txt", redactor.Text(await DiskAsync(request, ct)), ct);
    }

    static async Task<string> DiskAsync(SnapshotRequest request, CancellationToken ct)
    {
        using var text = new StringWriter();
        foreach (var path in new[] { request.OutputDirectory, request.WorkDirectory }.Select(Path.GetFullPath).Distinct())
        {
            var drive = new DriveInfo(Directory.CreateDirectory(path).FullName);
            text.WriteLine($"host {path}: {Gib(drive.AvailableFreeSpace)} free of {Gib(drive.TotalSize)} ({drive.Name})");
        }
        var docker = request.DockerHost is { } host ? new ExternalTool("docker").WithEnvironment("DOCKER_HOST", host.ToString()) : new ExternalTool("docker");
        var df = await docker.RunAsync(["system", "df"], ct);
        text.WriteLine(df.Succeeded ? $"engine (docker system df):\n{df.StandardOutput.TrimEnd()}" : $"engine: docker system df failed ({df.StandardError.Trim()})");
        return text.ToString();
    }

    static string Gib(long bytes) => $"{bytes / 1024.0 / 1024 / 1024:0.00} GiB";
}
