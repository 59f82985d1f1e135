using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Delivery;
using Pipeline.Tools;

namespace Pipeline.Debugging;

public sealed partial class SnapshotTaker
{
    /// <summary><c>audit/tail.jsonl</c>, <c>lock.json</c> and <c>disk.txt</c>: the delivery state around the environment.</summary>
    async Task AddSiteAsync(SnapshotWriter writer, SnapshotRequest request, ValueRedactor redactor, CancellationToken ct)
    {
        var name = request.Environment.Settings.Name;
        var entries = request.Audit.ReadLast(int.MaxValue).Where(e => e.Environment == name).TakeLast(request.AuditEntries);
        var lines = entries.Select(e => JsonRedaction.Redact(JsonSerializer.SerializeToNode(e, AuditLog.Json), redactor)!.ToJsonString(AuditLog.Json) + "\n");
        await writer.AddTextAsync("audit/tail.jsonl", string.Concat(lines), ct);
        var held = DeployLock.Read(request.LockDirectory, name);
        var lockJson = new JsonObject
        {
            ["environment"] = name,
            ["locked"] = held is not null,
            ["holder"] = held?.Describe(),
            ["stale"] = held?.IsStale,
            ["file"] = LockFile.PathFor(request.LockDirectory, name),
        };
        await writer.AddTextAsync("lock.json", JsonRedaction.Redact(lockJson, redactor)!.ToJsonString(JsonRedaction.Options), ct);
        await writer.AddTextAsync("disk.txt", redactor.Text(await DiskAsync(request, ct)), ct);
    }

    async Task<string> DiskAsync(SnapshotRequest request, CancellationToken ct)
    {
        using var text = new StringWriter();
        foreach (var path in new[] { request.OutputDirectory, request.WorkDirectory }.Select(Path.GetFullPath).Distinct())
        {
            var drive = new DriveInfo(Directory.CreateDirectory(path).FullName);
            text.WriteLine($"host {path}: {Gib(drive.AvailableFreeSpace)} free of {Gib(drive.TotalSize)} ({drive.Name})");
        }
        var df = await new ExternalTool("docker").RunAsync(["system", "df"], ct);
        text.WriteLine(df.Succeeded ? $"engine (docker system df):\n{df.StandardOutput.TrimEnd()}" : $"engine: docker system df failed ({df.StandardError.Trim()})");
        return text.ToString();
    }

    static string Gib(long bytes) => $"{bytes / 1024.0 / 1024 / 1024:0.00} GiB";

    async Task<IReadOnlyList<string>> RollbackTagsAsync(string repository, CancellationToken ct)
    {
        try
        {
            return [.. (await new RollbackPoints(repository, log).ListAsync(ct)).Take(10).Select(p => p.Manifest is { } m ? $"{p.Tag} ({m.Environment} {m.Version})" : p.Tag)];
        }
        catch (RollbackPointException e)
        {
            log.Warning("No rollback tags in the snapshot: {Message}", e.Message);
            return [];
        }
    }

    static Task<string?> GitShaAsync(string repository, CancellationToken ct) => new Git.GitRepository(repository).CommitAsync("HEAD", ct);
}
