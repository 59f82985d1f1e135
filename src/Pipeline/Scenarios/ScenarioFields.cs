using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Scenarios;

/// <summary>Typed access to a scenario file's JSON fields; every error names the file (<paramref name="source"/>) and where in it.</summary>
internal sealed partial class ScenarioFields(string source)
{
    /// <summary>The error for <paramref name="where"/>: the file, the place, the problem.</summary>
    public ScenarioException Fail(string where, string problem) => new($"{source}: {where} {problem}.");

    /// <summary>The JSON object <paramref name="node"/>, holding no field but <paramref name="fields"/>.</summary>
    public JsonObject Object(JsonNode? node, string where, params string[] fields)
    {
        if (node is not JsonObject o)
            throw Fail(where, node is null ? "is missing" : "must be a JSON object");
        if (o.Select(p => p.Key).FirstOrDefault(k => !fields.Contains(k)) is { } unknown)
            throw Fail(where, $"has an unknown field '{unknown}': use {string.Join(", ", fields)}");
        return o;
    }

    /// <summary>The JSON array <paramref name="field"/> of <paramref name="o"/>.</summary>
    public JsonArray Array(JsonObject o, string field, string where) =>
        o[field] as JsonArray ?? throw Fail(field, o[field] is null ? $"is missing from {where}" : "must be a JSON array");

    /// <summary>The non-empty string <paramref name="field"/> of <paramref name="o"/>.</summary>
    public string RequiredString(JsonObject o, string field, string where) =>
        Optional(o, field, where, JsonValueKind.String)?.GetValue<string>() is { Length: > 0 } text
            ? text
            : throw Fail($"{where}.{field}", "is missing or empty");

    /// <summary><paramref name="field"/> of <paramref name="o"/> when present, of one of <paramref name="kinds"/>.</summary>
    public JsonNode? Optional(JsonObject o, string field, string where, params JsonValueKind[] kinds) =>
        o[field] switch
        {
            null => null,
            var value when kinds.Contains(value.GetValueKind()) => value,
            var value => throw Fail($"{where}.{field}", $"must be a JSON {string.Join(" or ", kinds.Select(Kind).Distinct())}, not {Kind(value.GetValueKind())}"),
        };

    /// <summary>The JSON path <paramref name="text"/>, such as <c>$.id</c>.</summary>
    public JsonPath Path(string? text, string where)
    {
        try
        {
            return JsonPath.Parse(text ?? throw Fail(where, "must be a JSON path string such as \"$.id\""));
        }
        catch (FormatException e)
        {
            throw Fail(where, $"is invalid: {e.Message.TrimEnd('.')}");
        }
    }

    /// <summary>The duration <paramref name="field"/> of <paramref name="o"/> when present, such as <c>200ms</c>, <c>30s</c> or <c>2m</c>.</summary>
    public TimeSpan? Duration(JsonObject o, string field, string where)
    {
        if (Optional(o, field, where, JsonValueKind.String)?.GetValue<string>() is not { } text)
            return null;
        var match = DurationText().Match(text.Trim());
        if (!match.Success)
            throw Fail($"{where}.{field}", $"'{text}' is not a duration: write a number and a unit (ms, s or m), e.g. \"200ms\" or \"30s\"");
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            _ => TimeSpan.FromMinutes(amount),
        };
    }

    static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m)$")]
    private static partial Regex DurationText();
}
