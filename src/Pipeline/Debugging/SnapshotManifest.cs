using System.Reflection;
using System.Text.Json;

namespace Pipeline.Debugging;

/// <summary>One service of a snapshot: its container, image (by digest when known), and the variables that were masked.</summary>
/// <param name="Service">The Compose service, such as <c>app</c>.</param>
/// <param name="Container">The container name.</param>
/// <param name="Image">The image reference it was created from.</param>
/// <param name="Digest">The image digest label, <c>sha256:...</c>, when the pipeline deployed it.</param>
/// <param name="State">running, exited...</param>
/// <param name="Health">healthy, unhealthy, starting or none.</param>
/// <param name="ContainerPort">The port the service listens on inside the container, when one is published.</param>
/// <param name="RedactedVariables">Names of its environment variables whose values were masked; DebugLocal does not pass them.</param>
public sealed record SnapshotService(
    string Service, string Container, string Image, string? Digest, string State, string Health, int? ContainerPort, IReadOnlyList<string> RedactedVariables);

/// <summary><c>manifest.json</c>: what a snapshot is of, made by which tool version, and what it holds.</summary>
/// <param name="Format">The snapshot layout version.</param>
/// <param name="ToolVersion">The pipeline's version.</param>
/// <param name="GitSha">The commit the pipeline ran from (the checkout's HEAD), when known.</param>
/// <param name="CreatedAt">When the snapshot was taken (UTC).</param>
/// <param name="Environment">staging or production.</param>
/// <param name="Project">The Compose project.</param>
/// <param name="Version">The release version the environment runs.</param>
/// <param name="Commit">The release commit the environment runs.</param>
/// <param name="Services">Each container.</param>
/// <param name="RollbackTags">The newest rollback points (git tags), newest first.</param>
/// <param name="Database">What <c>database/</c> holds, or why it is empty.</param>
/// <param name="Files">Every entry of the archive besides this manifest.</param>
public sealed record SnapshotManifest(
    int Format, string ToolVersion, string? GitSha, DateTimeOffset CreatedAt, string Environment, string Project, string? Version, string? Commit,
    IReadOnlyList<SnapshotService> Services, IReadOnlyList<string> RollbackTags, string Database, IReadOnlyList<string> Files)
{
    /// <summary>The entry name inside the archive.</summary>
    public const string EntryName = "manifest.json";

    /// <summary>The layout version this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The pipeline's informational version, without build metadata.</summary>
    public static string CurrentToolVersion =>
        (typeof(SnapshotManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];

    /// <summary>The service DebugLocal replays: the first running one, else the first.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SnapshotService? MainService => Services.FirstOrDefault(s => s.State == "running") ?? (Services.Count > 0 ? Services[0] : null);

    /// <summary>Parses a manifest; throws <see cref="DebugException"/> naming <paramref name="source"/> when it is not one.</summary>
    public static SnapshotManifest Parse(string json, string source)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<SnapshotManifest>(json, JsonRedaction.Options);
            return manifest is { Format: CurrentFormat, Environment.Length: > 0, Services: not null }
                ? manifest
                : throw new DebugException($"{source} has a manifest.json this version cannot read (format {manifest?.Format}, expected {CurrentFormat}): take a new snapshot with {Commands.DebugSnapshot}.");
        }
        catch (JsonException e)
        {
            throw new DebugException($"{source} has no valid manifest.json ({e.Message}): take a new snapshot with {Commands.DebugSnapshot}.", e);
        }
    }
}
