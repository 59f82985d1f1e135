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
