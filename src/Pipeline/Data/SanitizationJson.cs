using System.Text.Json;

namespace Pipeline.Data;

/// <summary>Reads <c>sanitize.json</c> with errors that name the file, the line or the rule.</summary>
internal static class SanitizationJson
{
    static readonly string[] TopLevel = ["salt", "tables", "description", "$schema"];
    const string Example = """{ "tables": { "users": { "email": "email", "id": "keep" } } }""";

    public static SanitizationRules Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DataException($"{source} is not valid JSON: {e.Message} Fix the file; its shape is {Example}.", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error(source, $"the top level is {root.ValueKind}, not an object like {Example}");
            foreach (var property in root.EnumerateObject().Where(p => !TopLevel.Contains(p.Name)))
                throw Error(source, $"unknown property '{property.Name}'; allowed: {string.Join(", ", TopLevel)}");
            var salt = root.TryGetProperty("salt", out var s) && s.ValueKind != JsonValueKind.Null
                ? s.ValueKind == JsonValueKind.String ? s.GetString() : throw Error(source, "'salt' must be a string")
                : null;
            if (!root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
                throw Error(source, $"'tables' is missing or not an object; write it like {Example}");
            var result = new Dictionary<string, IReadOnlyDictionary<string, RuleKind>>(StringComparer.OrdinalIgnoreCase);
            foreach (var table in tables.EnumerateObject())
                if (!result.TryAdd(table.Name, Columns(source, table)))
                    throw Error(source, $"table '{table.Name}' is listed twice (names ignore case)");
            return new SanitizationRules(source, string.IsNullOrEmpty(salt) ? null : salt, result);
        }
    }

    static Dictionary<string, RuleKind> Columns(string source, JsonProperty table)
    {
        if (table.Value.ValueKind != JsonValueKind.Object)
            throw Error(source, $"tables.{table.Name} must be an object mapping each column to a rule ({string.Join(", ", SanitizationRules.Kinds)})");
        var columns = new Dictionary<string, RuleKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in table.Value.EnumerateObject())
        {
            var text = column.Value.ValueKind == JsonValueKind.String ? column.Value.GetString() : column.Value.GetRawText();
            var kind = SanitizationRules.Kinds.Contains(text) ? Enum.Parse<RuleKind>(text!, ignoreCase: true)
                : throw Error(source, $"tables.{table.Name}.{column.Name}: unknown rule '{text}'; allowed: {string.Join(", ", SanitizationRules.Kinds)}");
            if (!columns.TryAdd(column.Name, kind))
                throw Error(source, $"tables.{table.Name}.{column.Name} is listed twice (names ignore case)");
        }
        return columns;
    }

    static DataException Error(string source, string problem) => new($"{source}: {problem}. Fix the file and run again.");
}
