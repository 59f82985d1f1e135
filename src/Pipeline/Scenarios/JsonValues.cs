using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Scenarios;

/// <summary>Comparing and showing JSON values the way assertions need.</summary>
internal static class JsonValues
{
    static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same JSON value; numbers compare by value, so 2 equals 2.0.</summary>
    public static bool Same(JsonNode? a, JsonNode? b) =>
        IsNumber(a) && IsNumber(b) ? TryNumber(a, out var x) && TryNumber(b, out var y) && x == y : JsonNode.DeepEquals(a, b);

    /// <summary>The value as a number: a JSON number, or a string that holds one.</summary>
    public static bool TryNumber(JsonNode? node, out decimal number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() switch
        {
            JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            JsonValueKind.String => decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    /// <summary>The value as JSON text, e.g. <c>"running"</c>, <c>3</c> or <c>null</c>.</summary>
    public static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    /// <summary>A string's value without quotes; anything else as JSON text.</summary>
    public static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : Show(node);

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;
}
