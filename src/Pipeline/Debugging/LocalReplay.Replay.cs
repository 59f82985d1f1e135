using Pipeline.Images;

namespace Pipeline.Debugging;

/// <summary>What <c>DebugLocal --snapshot</c> replays, where, and with which release's images.</summary>
/// <param name="SnapshotPath">The snapshot archive.</param>
/// <param name="WorkDirectory">Where the sanitized database is extracted for the seeding (deleted at once).</param>
/// <param name="Prefix">Names the container <c>&lt;prefix&gt;-debug-local</c>.</param>
/// <param name="Port">The port on 127.0.0.1.</param>
/// <param name="Timeout">How long to wait for healthy.</param>
/// <param name="Release">The release manifest, when there is one (its <c>debug</c> digest is preferred).</param>
/// <param name="Registry">The registry of the version tags.</param>
/// <param name="ImageName">The image name.</param>
public sealed record ReplayRequest(string SnapshotPath, string WorkDirectory, string Prefix, int Port, TimeSpan Timeout, ReleaseManifest? Release, string Registry, string ImageName);

public sealed partial class LocalReplay
{
    /// <summary>Opens the snapshot, finds the debug image of its version, starts the replay; warns about the variables it left out.</summary>
    public async Task<ReplayResult> ReplayAsync(ReplayRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await SnapshotReader.OpenAsync(request.SnapshotPath, request.WorkDirectory, ct);
        try
        {
            var version = snapshot.Manifest.Version
                ?? throw new DebugException($"{snapshot.Path} does not say which version ran: take a new snapshot with {Commands.DebugSnapshot}.");
            var image = await DebugImage.ResolveAsync(client, DebugImage.Candidates(version, request.Release, request.Registry, request.ImageName), version, log, ct);
            var result = await StartAsync(snapshot, image, request.Prefix, request.Port, request.Timeout, ct);
            if (result.OmittedVariables.Count > 0)
                log.Warning("Not passed, because the snapshot masks their values: {Variables}. Set them yourself if the problem needs them.", string.Join(", ", result.OmittedVariables));
            return result;
        }
        finally
        {
            snapshot.DeleteDatabase();
        }
    }
}
