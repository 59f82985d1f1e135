using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Delivery;

/// <summary>
/// The append-only deployment history (<c>logs/deploy/audit.jsonl</c>): one JSON object per line, never rewritten.
/// Appends from many processes are serialized by an exclusive lock on <c>&lt;path&gt;.lock</c>, each line written in one call.
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
        string text;
        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            text = reader.ReadToEnd();
        var entries = new List<AuditEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            if (TryParse(line) is { } entry)
                entries.Add(entry);
            if (entries.Count == count)
                break;
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
}
