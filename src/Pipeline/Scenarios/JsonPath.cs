using System.Text.Json.Nodes;

namespace Pipeline.Scenarios;

/// <summary>A JSON path of the simple form <c>$.a.b[0].c</c>: property names and array indexes from the root <c>$</c>.</summary>
public sealed class JsonPath
{
    readonly IReadOnlyList<object> segments;

    JsonPath(string text, IReadOnlyList<object> segments) => (Text, this.segments) = (text, segments);

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Reads a path; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static JsonPath Parse(string text)
    {
        if (!text.StartsWith('$'))
            throw Invalid(text, "it must start with '$'");
        var segments = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-'))
                    end++;
                if (end == i + 1)
                    throw Invalid(text, $"a property name must follow the '.' at position {i}");
                segments.Add(text[(i + 1)..end]);
                i = end;
            }
            else if (text[i] == '[' && text.IndexOf(']', i) is var close and > 0
                     && int.TryParse(text.AsSpan(i + 1, close - i - 1), System.Globalization.NumberStyles.None, null, out var index))
            {
                segments.Add(index);
                i = close + 1;
            }
            else
                throw Invalid(text, $"unexpected '{text[i]}' at position {i}");
        }
        return new JsonPath(text, segments);
    }

    /// <summary>True when the path leads to a value (which may be JSON <c>null</c>) in <paramref name="root"/>.</summary>
    public bool TrySelect(JsonNode? root, out JsonNode? value)
    {
        value = root;
        foreach (var segment in segments)
        {
            switch (segment, value)
            {
                case (string name, JsonObject o) when o.TryGetPropertyValue(name, out var next):
                    value = next;
                    break;
                case (int index, JsonArray a) when index < a.Count:
                    value = a[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    static FormatException Invalid(string text, string problem) =>
        new($"'{text}' is not a JSON path of the form $.a.b[0].c: {problem}.");
}
