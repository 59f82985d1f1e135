using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Scenarios;

/// <summary>Turns one scenario file's JSON into a <see cref="Scenario"/>; every error names the file and where in it.</summary>
internal sealed class ScenarioParser(string source)
{
    readonly ScenarioFields fields = new(source);
    ExpectationParser Expectations => new(fields);

    static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public Scenario Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{source}: is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        var scenario = fields.Object(root, "the file", "name", "smoke", "steps", "description");
        var steps = fields.Array(scenario, "steps", "the file");
        if (steps.Count == 0)
            throw fields.Fail("steps", "is empty: a scenario needs at least one step");
        return new Scenario(
            fields.RequiredString(scenario, "name", "the file"),
            fields.Optional(scenario, "smoke", "the file", JsonValueKind.True, JsonValueKind.False)?.GetValue<bool>() ?? false,
            [.. steps.Select((s, i) => Step(s, $"steps[{i}]"))],
            source);
    }

    ScenarioStep Step(JsonNode? node, string where)
    {
        var step = fields.Object(node, where, "name", "request", "expect", "capture", "poll");
        where = step["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? $"{where} ('{name}')" : where;
        var capture = fields.Optional(step, "capture", where, JsonValueKind.Object)?.AsObject()
            .ToDictionary(p => p.Key, p => fields.Path(p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null, $"{where}.capture.{p.Key}"));
        return new ScenarioStep(
            fields.RequiredString(step, "name", where),
            Request(step["request"], $"{where}.request"),
            Expectations.Expectation(step["expect"], $"{where}.expect"),
            capture ?? [],
            step["poll"] is { } poll ? Poll(poll, $"{where}.poll") : null);
    }

    ScenarioRequest Request(JsonNode? node, string where)
    {
        var request = fields.Object(node, where, "method", "path", "body", "headers");
        var method = fields.RequiredString(request, "method", where).ToUpperInvariant();
        if (!ScenarioRequest.Methods.Contains(method))
            throw fields.Fail($"{where}.method", $"'{method}' is not supported: use one of {string.Join(", ", ScenarioRequest.Methods)}");
        var path = fields.RequiredString(request, "path", where);
        if (!path.StartsWith('/'))
            throw fields.Fail($"{where}.path", $"'{path}' must start with '/': it is relative to the service's base address");
        var headers = fields.Optional(request, "headers", where, JsonValueKind.Object)?.AsObject().ToDictionary(
            p => p.Key,
            p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw fields.Fail($"{where}.headers.{p.Key}", "must be a string"));
        return new ScenarioRequest(method, path, request["body"]?.DeepClone(), headers ?? []);
    }

    ScenarioPoll Poll(JsonNode node, string where)
    {
        var poll = fields.Object(node, where, "until", "timeout", "interval");
        if (poll["until"] is not { } until)
            throw fields.Fail($"{where}.until", "is missing: say which JSON values end the polling, e.g. { \"$.status\": { \"in\": [\"succeeded\", \"failed\"] } }");
        return new ScenarioPoll(
            Expectations.Assertions(until, $"{where}.until"),
            fields.Duration(poll, "timeout", where) ?? ScenarioPoll.DefaultTimeout,
            fields.Duration(poll, "interval", where) ?? ScenarioPoll.DefaultInterval);
    }
}
