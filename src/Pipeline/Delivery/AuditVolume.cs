using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Delivery;

/// <summary>
/// The audit log on an environment's engine: <c>audit.jsonl</c> in the volume <c>&lt;prefix&gt;-audit-&lt;environment&gt;</c>, reached through
/// helper containers that mount it and are never started. An append takes the helper name <c>&lt;volume&gt;-writer</c>, which only one
/// creator can have, so appends from any machine follow one another; a writer left by a process killed mid-append is removed after a minute.
/// </summary>
internal static class AuditVolume
{
    const string Mount = "/audit";
    const string FileName = "audit.jsonl";
    static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);

    /// <summary>Appends <paramref name="line"/> (one JSON line ending in a newline) to the log of <paramref name="environment"/>, creating the volume when needed.</summary>
    public static async Task AppendAsync(TargetState target, string environment, string line, CancellationToken ct)
    {
        var volume = target.AuditVolume(environment);
        await target.Docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = target.Labels("audit") }, ct);
        var writer = $"{volume}-writer";
        var id = await Poll.UntilAsync((_, token) => TryTakeAsync(target, writer, volume, token), new PollOptions(TimeSpan.FromMilliseconds(50), Abandoned * 2),
            _ => throw new IOException($"Could not append to the audit log in volume {volume}: the helper {writer} stayed in place for {(Abandoned * 2).TotalSeconds:0} s. Remove it (docker rm -f {writer}) and retry."), ct);
        try
        {
            var text = await StateContainers.ReadAsync(target.Docker, id, $"{Mount}/{FileName}", ct) ?? "";
            await StateContainers.WriteAsync(target.Docker, id, Mount, FileName, (text.Length == 0 || text.EndsWith('\n') ? text : text + "\n") + line, ct);
        }
        finally
        {
            await StateContainers.RemoveAsync(target.Docker, id, CancellationToken.None);
        }
    }

    /// <summary>The whole log of <paramref name="environment"/>, or null when its engine has no audit volume for it.</summary>
    public static async Task<string?> ReadAsync(TargetState target, string environment, CancellationToken ct)
    {
        var volume = target.AuditVolume(environment);
        try
        {
            await target.Docker.Volumes.InspectAsync(volume, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var reader = $"{volume}-reader-{Guid.NewGuid().ToString("N")[..8]}";
        var id = await StateContainers.TryCreateAsync(target, reader, target.Labels("audit-reader"), Mounts(volume), ct)
            ?? throw new IOException($"Could not read the audit log in volume {volume}: a container named {reader} exists already. Retry.");
        try
        {
            return await StateContainers.ReadAsync(target.Docker, id, $"{Mount}/{FileName}", ct) ?? "";
        }
        finally
        {
            await StateContainers.RemoveAsync(target.Docker, id, CancellationToken.None);
        }
    }

    static async Task<string?> TryTakeAsync(TargetState target, string writer, string volume, CancellationToken ct)
    {
        if (await StateContainers.TryCreateAsync(target, writer, target.Labels("audit-writer"), Mounts(volume), ct) is { } id)
            return id;
        try
        {
            var held = await target.Docker.Containers.InspectContainerAsync(writer, ct);
            if (target.Clock.GetUtcNow() - new DateTimeOffset(held.Created.ToUniversalTime(), TimeSpan.Zero) > Abandoned)
                await StateContainers.RemoveAsync(target.Docker, held.ID, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
        return null;
    }

    static List<Mount> Mounts(string volume) => [new Mount { Type = "volume", Source = volume, Target = Mount }];
}
