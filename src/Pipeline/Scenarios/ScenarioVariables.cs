using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.Output;

namespace Pipeline.Scenarios;

/// <summary>
/// What <c>${name}</c> placeholders stand for in one scenario: values captured by earlier steps, <c>${unique}</c> (one value
/// per run) and <c>${env.NAME}</c> (an environment variable; secret-named ones are added to the mask when used).
/// </summary>
public sealed partial class ScenarioVariables(string unique, IReadOnlyDictionary<string, string> environment, ISecretMasker mask)
{
    const string EnvironmentPrefix = "env.";
    readonly Dictionary<string, JsonNode?> captured = new(StringComparer.Ordinal);

    /// <summary>The value of <c>${unique}</c>.</summary>
    public string Unique => unique;

    /// <summary>Sets a variable for the following steps.</summary>
    public void Capture(string name, JsonNode? value) => captured[name] = value?.DeepClone();

    /// <summary>The text with every placeholder replaced by its value's text.</summary>
    public string Substitute(string text) =>
        Placeholder().Replace(text, m => JsonValues.Text(Lookup(m.Groups[1].Value)));

    /// <summary>
    /// A copy of <paramref name="template"/> with placeholders replaced; a string that is exactly one placeholder becomes the
    /// variable's JSON value (so <c>"${id}"</c> stays a number), other strings are interpolated.
    /// </summary>
    public JsonNode? Resolve(JsonNode? template) => template switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Resolve)]),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => ResolveString(v.GetValue<string>()),
        _ => template?.DeepClone(),
    };

    JsonNode? ResolveString(string text) =>
        Placeholder().Match(text) is { Success: true } m && m.Length == text.Length
            ? Lookup(m.Groups[1].Value)?.DeepClone()
            : JsonValue.Create(Substitute(text));

    JsonNode? Lookup(string name)
    {
        if (name == "unique")
            return JsonValue.Create(unique);
        if (name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
            return JsonValue.Create(EnvironmentValue(name[EnvironmentPrefix.Length..]));
        return captured.TryGetValue(name, out var value)
            ? value
            : throw new ScenarioException(
                $"${{{name}}} is not defined: capture it in an earlier step of this scenario" +
                $"{(captured.Count == 0 ? "" : $" (captured so far: {string.Join(", ", captured.Keys)})")}, or use ${{unique}} or ${{env.NAME}}.");
    }

    string EnvironmentValue(string name)
    {
        if (!environment.TryGetValue(name, out var value))
            throw new ScenarioException($"${{env.{name}}} is used but the environment variable {name} is not set: set it before running the workflow tests.");
        if (mask.IsSecretName(name))
            mask.Learn(value);
        return value;
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();
}
