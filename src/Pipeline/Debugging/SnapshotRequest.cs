using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;

namespace Pipeline.Debugging;

/// <summary>What a snapshot is taken of and with.</summary>
/// <param name="Environment">The environment to capture.</param>
/// <param name="Rules">The sanitization rules for the database (<c>deploy/sanitize.json</c>).</param>
/// <param name="Salt">The salt for the sanitizer's deterministic fakes.</param>
/// <param name="Audit">The deployment history; its newest entries about this environment are included.</param>
/// <param name="Target">Where the environment's deploy lock lives: its engine.</param>
/// <param name="RepositoryDirectory">The git checkout (rollback tags, HEAD).</param>
/// <param name="OutputDirectory">Where the archive goes, usually <c>snapshots/</c>.</param>
/// <param name="WorkDirectory">Where the raw database copy is sanitized (deleted at once).</param>
public sealed record SnapshotRequest(
    ComposeEnvironment Environment, SanitizationRules Rules, string Salt, AuditLog Audit, TargetState Target, string RepositoryDirectory, string OutputDirectory, string WorkDirectory)
{
    /// <summary>Where the environment answers through its edge proxy, as seen on its host; <c>http://127.0.0.1:&lt;its port&gt;</c> unless set.</summary>
    public Uri ServiceAddress { get; init; } = new($"http://127.0.0.1:{Environment.Settings.HostPort}");

    /// <summary>The <c>DOCKER_HOST</c> that points the <c>docker</c> CLI at the environment's engine (a server's); null for the pipeline's own engine.</summary>
    public Uri? DockerHost { get; init; }

    /// <summary>Log lines kept per service.</summary>
    public int LogLines { get; init; } = 1000;

    /// <summary>Audit entries kept.</summary>
    public int AuditEntries { get; init; } = 50;

    /// <summary>The snapshot's time, which also names it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Where the archive is written: <c>&lt;output&gt;/debug_YYYYMMDD_HHMMSS.tar.gz</c> (a suffix when that name is taken).</summary>
    public string ArchivePath()
    {
        var stem = Path.Combine(OutputDirectory, $"debug_{Now.UtcDateTime:yyyyMMdd_HHmmss}");
        var path = stem + ".tar.gz";
        for (var n = 2; File.Exists(path) || File.Exists(path + ".partial"); n++)
            path = $"{stem}_{n}.tar.gz";
        return path;
    }
}

/// <summary>A snapshot taken: where it is, what it holds, and what was masked.</summary>
/// <param name="Path">The archive.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Redactions">Values masked, by rule.</param>
public sealed record SnapshotResult(string Path, SnapshotManifest Manifest, IReadOnlyDictionary<string, int> Redactions)
{
    /// <summary>The table of contents and redaction counts, for the console.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"Snapshot of {Manifest.Environment} ({Manifest.Project}, version {Manifest.Version ?? "unknown"}): {Path}");
        writer.WriteLine($"  {SnapshotManifest.EntryName}");
        foreach (var file in Manifest.Files)
            writer.WriteLine($"  {file}");
        writer.WriteLine($"Database: {Manifest.Database}");
        writer.WriteLine($"Redacted: {string.Join(", ", Redactions.Select(r => $"{r.Key} {r.Value}"))} (total {Redactions.Values.Sum()})");
    }
}
