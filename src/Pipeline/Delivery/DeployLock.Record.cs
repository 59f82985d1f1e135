using System.Globalization;
using System.Text.Json;
using Docker.DotNet.Models;

namespace Pipeline.Delivery;

public sealed partial class DeployLock
{
    const string Label = "org.app-pipeline.lock.";
    const string LeaseName = "lease.json";
    static readonly string LeaseFile = $"{StateContainers.Folder}/{LeaseName}";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static Dictionary<string, string> LabelsFor(TargetState target, string environment, LockOwner owner, string token)
    {
        var labels = target.Labels("deploy-lock");
        labels[Label + "environment"] = environment;
        labels[Label + "holder"] = owner.User;
        labels[Label + "machine"] = owner.Machine;
        labels[Label + "pid"] = owner.Pid.ToString(CultureInfo.InvariantCulture);
        labels[Label + "version"] = owner.Version;
        labels[Label + "acquired-at"] = owner.StartedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        labels[Label + "lease-seconds"] = target.Lease.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        labels[Label + "token"] = token;
        return labels;
    }

    static Task WriteLeaseAsync(TargetState target, string id, DateTimeOffset now, CancellationToken ct) =>
        StateContainers.WriteAsync(target.Docker, id, StateContainers.Folder, LeaseName, JsonSerializer.Serialize(new LockLease(now, now + target.Lease), Json) + "\n", ct);

    static LockLease? ParseLease(string? text)
    {
        try
        {
            return text is null ? null : JsonSerializer.Deserialize<LockLease>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The status the container's labels and lease describe; without a readable lease (a holder killed right after creating it), the lease runs from the container's creation.</summary>
    static LockStatus StatusOf(string environment, ContainerInspectResponse container, LockLease? lease, DateTimeOffset now)
    {
        var labels = container.Config?.Labels ?? new Dictionary<string, string>();
        string? Get(string name) => labels.TryGetValue(Label + name, out var value) && value.Length > 0 ? value : null;
        if (Get("holder") is not { } holder || Get("machine") is not { } machine || Get("version") is not { } version
            || !int.TryParse(Get("pid"), CultureInfo.InvariantCulture, out var pid)
            || !DateTimeOffset.TryParse(Get("acquired-at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var acquired)
            || !double.TryParse(Get("lease-seconds"), CultureInfo.InvariantCulture, out var seconds))
            return new LockStatus(environment, "unknown", "unknown", 0, "unknown", Utc(container.Created)) { Problem = $"container {container.Name.TrimStart('/')} lacks the lock's labels", ReadAt = now, Id = container.ID };
        var length = TimeSpan.FromSeconds(seconds);
        return new LockStatus(environment, holder, machine, pid, version, acquired)
        {
            ExpiresAt = lease?.ExpiresAt ?? Utc(container.Created) + length,
            Lease = length, ReadAt = now, Id = container.ID, Token = Get("token") ?? "",
        };
    }

    static DateTimeOffset Utc(DateTime time) => new(time.ToUniversalTime(), TimeSpan.Zero);
}
