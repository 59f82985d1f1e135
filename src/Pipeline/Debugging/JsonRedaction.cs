using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Debugging;

/// <summary>Redacts a JSON tree in place: a secret-named property's text value is masked, every other string is redacted as text.</summary>
public static class JsonRedaction
{
    /// <summary>How snapshot files are written: indented, characters such as <c>+</c> and <c>@</c> kept as they are.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Redacts <paramref name="node"/> and returns it.</summary>
    public static JsonNode? Redact(JsonNode? node, ValueRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                        obj[name] = redactor.Variable(name, text);
                    else
                        Redact(value, redactor);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                        array[i] = redactor.Entry(text);
                    else
                        Redact(array[i], redactor);
                }
                break;
        }
        return node;
    }

    /// <summary>Any value serialized, redacted, and written as indented JSON text.</summary>
    public static string Serialize<T>(T value, ValueRedactor redactor) =>
        Redact(JsonSerializer.SerializeToNode(value, Options), redactor)?.ToJsonString(Options) ?? "null";
}
