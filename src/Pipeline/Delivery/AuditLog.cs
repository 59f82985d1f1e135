using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Delivery;

/// <summary>
/// The append-only deployment history (<c>logs/deploy/audit.jsonl</c>): one JSON object per line, never rewritten.
/// Appends from many processes are serialized by an exclusive lock on <c>&lt;path&gt;.lock</c>, each line written in one call.
/// <see cref="OnTarget"/> also appends each entry to its environment's log on the target engine (see <see cref="AuditVolume"/>).
/// </summary>
public sealed partial class AuditLog(string path)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The audit file.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The last <paramref name="count"/> entries, oldest first; lines that do not parse (a write torn by a crash) are skipped.</summary>
    public IReadOnlyList<AuditEntry> ReadLast(int count)
    {
        if (count <= 0 || !File.Exists(Path))
            return [];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Last(reader.ReadToEnd(), count);
    }

    /// <summary>The last <paramref name="count"/> entries of <paramref name="text"/>, oldest first, skipping lines that do not parse.</summary>
    internal static IReadOnlyList<AuditEntry> Last(string text, int count)
    {
        var entries = new List<AuditEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            if (count <= entries.Count)
                break;
            if (TryParse(line) is { } entry)
                entries.Add(entry);
        }
        entries.Reverse();
        return entries;
    }

    static AuditEntry? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);
    static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Appends <paramref name="entry"/> as one line (its time in UTC), creating the file and its folder when needed.</summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Line(entry);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        lock (Gates.GetOrAdd(Path, _ => new object()))
        {
            using var gate = OpenGate();
            var text = EndsInsideLine() ? "\n" + line : line;
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
    }

    static string Line(AuditEntry entry) => JsonSerializer.Serialize(entry with { Time = entry.Time.ToUniversalTime() }, Json) + "\n";

    bool EndsInsideLine()
    {
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
            return false;
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }

    FileStream OpenGate()
    {
        var gate = Path + ".lock";
        var deadline = DateTime.UtcNow + GateTimeout;
        while (true)
        {
            try
            {
                return new FileStream(gate, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(2, 15));
            }
            catch (IOException e)
            {
                throw new IOException($"Could not append to the audit log {Path}: another process has held {gate} for {GateTimeout.TotalSeconds:0} s. Find it (fuser {gate}) and retry.", e);
            }
        }
    }
}
