using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Pipeline.Debugging;

/// <summary>A snapshot archive opened for a local replay: its manifest, the replayed service's redacted environment, and its sanitized database.</summary>
/// <param name="Path">The archive.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Environment">The replayed service's environment entries (<c>NAME=value</c>), secrets masked.</param>
/// <param name="Database">The sanitized database extracted to a private temporary file, or null when the snapshot holds none; the caller deletes it.</param>
public sealed record SnapshotReader(string Path, SnapshotManifest Manifest, IReadOnlyList<string> Environment, string? Database)
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="DebugException"/> when it is missing or not a snapshot.</summary>
    public static async Task<SnapshotReader> OpenAsync(string path, string workDirectory, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DebugException($"No snapshot at {full}: take one with {Commands.DebugSnapshot} {Commands.Flags.Environment} production, then pass its path (snapshots/debug_*.tar.gz) to {Commands.Flags.Snapshot}.");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? database = null;
        try
        {
            await using var file = File.OpenRead(full);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.DataStream is not { } content)
                    continue;
                if (entry.Name == "database/app.db")
                    database = await ExtractAsync(content, workDirectory, ct);
                else if (entry.Name == SnapshotManifest.EntryName || entry.Name.EndsWith(".inspect.json", StringComparison.Ordinal))
                    texts[entry.Name] = await new StreamReader(content, Encoding.UTF8).ReadToEndAsync(ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            Delete(database);
            throw new DebugException($"{full} is not a readable snapshot ({e.Message}): take a new one with {Commands.DebugSnapshot}.", e);
        }
        if (!texts.TryGetValue(SnapshotManifest.EntryName, out var manifestJson))
        {
            Delete(database);
            throw new DebugException($"{full} holds no {SnapshotManifest.EntryName}, so it is not a debug snapshot: take one with {Commands.DebugSnapshot}.");
        }
        try
        {
            var manifest = SnapshotManifest.Parse(manifestJson, full);
            var service = manifest.MainService ?? throw new DebugException($"{full} lists no service to replay: take a new snapshot while the environment runs.");
            return new(full, manifest, EnvironmentOf(texts.GetValueOrDefault($"containers/{service.Container}.inspect.json")), database);
        }
        catch
        {
            Delete(database);
            throw;
        }
    }

    static IReadOnlyList<string> EnvironmentOf(string? inspect)
    {
        if (inspect is null)
            return [];
        using var document = Parse(inspect);
        return document is not null && document.RootElement.TryGetProperty("Config", out var config) && config.TryGetProperty("Env", out var env) && env.ValueKind == JsonValueKind.Array
            ? [.. env.EnumerateArray().Select(e => e.GetString() ?? "")]
            : [];
    }

    static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static async Task<string> ExtractAsync(Stream content, string workDirectory, CancellationToken ct)
    {
        var folder = PrivateFolder.Create(Directory.CreateDirectory(workDirectory).FullName, "debug-local");
        var target = System.IO.Path.Combine(folder, "app.db");
        await using var file = File.Create(target);
        await content.CopyToAsync(file, ct);
        return target;
    }

    /// <summary>Deletes the extracted database and its folder.</summary>
    public void DeleteDatabase() => Delete(Database);

    static void Delete(string? database)
    {
        if (database is not null && System.IO.Path.GetDirectoryName(database) is { } folder && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
