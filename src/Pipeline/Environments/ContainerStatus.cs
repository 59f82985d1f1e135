using System.Globalization;
using Docker.DotNet.Models;

namespace Pipeline.Environments;

/// <summary>A port the engine published: <paramref name="ContainerPort"/> (<c>8080/tcp</c>) on <paramref name="HostIp"/>:<paramref name="HostPort"/>.</summary>
public sealed record PublishedPort(string ContainerPort, string HostIp, int HostPort)
{
    /// <inheritdoc />
    public override string ToString() => $"{HostIp}:{HostPort}->{ContainerPort}";
}

/// <summary>One container of an environment's Compose project, as the Engine API reports it.</summary>
/// <param name="Service">The Compose service (label <c>com.docker.compose.service</c>).</param>
/// <param name="Id">The full container id.</param>
/// <param name="Name">The container name, without the leading '/'.</param>
/// <param name="State">The engine state: created, running, restarting, exited, dead, paused.</param>
/// <param name="Health">Docker health: starting, healthy, unhealthy, or none (no HEALTHCHECK).</param>
/// <param name="RestartCount">How often the engine restarted it.</param>
/// <param name="ExitCode">The exit code of its last run.</param>
/// <param name="Image">The image reference it was created from.</param>
/// <param name="Labels">Its <c>org.app-pipeline.*</c> labels.</param>
/// <param name="Ports">Its published ports.</param>
/// <param name="StartedAt">When it last started, null when it never did.</param>
/// <param name="LastHealthLog">The last health probe's result, null without one.</param>
public sealed record ContainerStatus(
    string Service, string Id, string Name, string State, string Health, long RestartCount, long ExitCode, string Image,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PublishedPort> Ports, DateTimeOffset? StartedAt, string? LastHealthLog)
{
    /// <summary>The label prefix the compose files use.</summary>
    public const string LabelPrefix = "org.app-pipeline.";

    /// <summary>The release version (label <c>org.app-pipeline.version</c>).</summary>
    public string? Version => Label("version");

    /// <summary>The release commit (label <c>org.app-pipeline.revision</c>).</summary>
    public string? Revision => Label("revision");

    /// <summary>The image digest, <c>sha256:...</c> (label <c>org.app-pipeline.digest</c>).</summary>
    public string? Digest => Label("digest");

    /// <summary>The Compose project (label <c>com.docker.compose.project</c>), or an empty string.</summary>
    public string Project { get; init; } = "";

    /// <summary>Its address on each network it joined, by network name (a container that does not run has none).</summary>
    public IReadOnlyDictionary<string, string> Addresses { get; init; } = new Dictionary<string, string>();

    /// <summary>The networks it joined, running or not.</summary>
    public IReadOnlySet<string> Networks { get; init; } = new HashSet<string>();

    /// <summary>True when the engine says it is running.</summary>
    public bool IsRunning => State == "running";

    /// <summary>The first 12 characters of the id, as docker prints it.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    private string? Label(string name) => Labels.TryGetValue(LabelPrefix + name, out var value) && value.Length > 0 ? value : null;

    internal static ContainerStatus From(ContainerInspectResponse c)
    {
        var labels = c.Config?.Labels ?? new Dictionary<string, string>();
        return new(
            labels.TryGetValue("com.docker.compose.service", out var service) ? service : "",
            c.ID, c.Name.TrimStart('/'), c.State?.Status ?? "unknown", c.State?.Health?.Status is { Length: > 0 } health ? health : "none",
            c.RestartCount, c.State?.ExitCode ?? 0, c.Config?.Image ?? c.Image,
            labels.Where(l => l.Key.StartsWith(LabelPrefix, StringComparison.Ordinal)).OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(),
            [.. (c.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
                .SelectMany(p => (p.Value ?? []).Select(b => new PublishedPort(p.Key, b.HostIP, int.Parse(b.HostPort, CultureInfo.InvariantCulture))))],
            Started(c.State?.StartedAt),
            c.State?.Health?.Log?.LastOrDefault() is { } last ? $"{last.End.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z exit {last.ExitCode}: {(string.IsNullOrWhiteSpace(last.Output) ? "(no output)" : last.Output.Trim())}" : null)
        {
            Project = labels.TryGetValue("com.docker.compose.project", out var project) ? project : "",
            Addresses = (c.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                .Where(n => !string.IsNullOrEmpty(n.Value?.IPAddress)).ToDictionary(n => n.Key, n => n.Value.IPAddress, StringComparer.Ordinal),
            Networks = (c.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>()).Keys.ToHashSet(StringComparer.Ordinal),
        };
    }

    private static DateTimeOffset? Started(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1 ? at : null;
}
