using Docker.DotNet;
using Pipeline.Data;
using Serilog;

namespace Pipeline.Debugging;

/// <summary>
/// <c>database/</c> of a snapshot: the service's SQLite database copied out through the archive endpoint (container paused)
/// into a private temporary folder, sanitized there by <c>deploy/sanitize.json</c> exactly as the staging sync does, every
/// remaining text value scrubbed by the <see cref="ValueRedactor"/> (an email or phone in a kept column), then added as
/// <c>database/app.db</c> with <c>schema.sql</c> and <c>sample.json</c>. The raw copy is deleted whatever happens.
/// </summary>
public sealed class DatabaseSample(DockerClient client, ILogger log)
{
    /// <summary>Where the service keeps its database in the container; the sample service's by default.</summary>
    public ServiceDatabase Database { get; init; } = ServiceDatabase.App;

    /// <summary>Rows per table in <c>sample.json</c>.</summary>
    public int SampleRows { get; init; } = 20;

    /// <summary>Adds <c>database/</c> to <paramref name="writer"/>; returns one line for the manifest saying what it holds.</summary>
    public async Task<string> AddAsync(SnapshotWriter writer, string containerId, SanitizationRules rules, string salt, ValueRedactor redactor, string workDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var temp = PrivateFolder.Create(Directory.CreateDirectory(workDirectory).FullName, "debug-snapshot");
        try
        {
            var database = Path.Combine(temp, Database.File);
            if (!await new ContainerData(client, log, TimeSpan.FromSeconds(30)).CopyDatabaseOutAsync(containerId, Database.Folder, Database.File, temp, ct))
                return $"empty: the service has no {Database.Folder}/{Database.File} yet";
            var report = await new Sanitizer(rules, salt).SanitizeAsync(database, ct);
            var scrubbed = await SqliteSample.ScrubAsync(database, redactor, ct);
            log.Information("Sanitized the snapshot's copy of {Database}: {Report}; {Scrubbed} more value(s) masked by the redaction rules", Database.File, report.Describe(), scrubbed);
            var (schema, sample, rows) = await SqliteSample.ReadAsync(database, SampleRows, redactor, ct);
            await writer.AddTextAsync("database/schema.sql", schema, ct);
            await writer.AddTextAsync("database/sample.json", sample, ct);
            await writer.AddFileAsync($"database/{Database.File}", database, ct);
            return $"{Database.File} sanitized by {Path.GetFileName(rules.Source)} ({rows} row(s)); {report.Describe()}";
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
