using System.Text.Json;
using System.Text.Json.Nodes;

namespace Targets;

/// <summary>Writes <c>.nuke/build.schema.json</c>: the targets and parameters, so IDEs complete <c>parameters.json</c>.</summary>
internal static class SchemaWriter
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool Write(string path, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var text = Create(targets, parameters).ToJsonString(Indented) + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
            return false;
        File.WriteAllText(path, text);
        return true;
    }

    internal static JsonObject Create(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        JsonObject Targets(string description) => new() { ["type"] = "array", ["description"] = description, ["items"] = new JsonObject { ["$ref"] = "#/definitions/ExecutableTarget" } };
        var defaults = string.Join(", ", targets.Where(t => t.IsDefault).Select(t => t.Name));
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Target"] = Targets($"The targets to run (default: {defaults})"),
            ["Skip"] = Targets("The targets to skip; an empty list skips every target not named"),
        };
        foreach (var p in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            properties[p.Name] = Describe(p);
        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Build Schema (generated on each local run; do not edit)",
            ["definitions"] = new JsonObject
            {
                ["ExecutableTarget"] = new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray([.. targets.Select(t => JsonValue.Create(t.Name))]),
                },
            },
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    static JsonObject Describe(ParameterMember p)
    {
        var node = Type(p.Type);
        if (p.IsSecret)
            (node["description"], node["secret"]) = (p.Description + " (secret: pass it as an argument or environment variable, never commit it)", true);
        else if (p.Description is not null)
            node["description"] = p.Description;
        return node;
    }

    static JsonObject Type(Type type)
    {
        if (type.IsArray)
            return new JsonObject { ["type"] = "array", ["items"] = Type(type.GetElementType()!) };
        var node = new JsonObject { ["type"] = ValueConverter.SchemaType(type) };
        if (ValueConverter.AllowedValues(type) is { Count: > 0 } allowed)
            node["enum"] = new JsonArray([.. allowed.Select(a => JsonValue.Create(a))]);
        if (type == typeof(TimeSpan))
            node["pattern"] = @"^(\d+(\.\d+)?(ms|s|m|h)?|\d+:\d{2}:\d{2})$";
        return node;
    }
}
