using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Workflows;

/// <summary>Turns one workflow file's JSON into a <see cref="Workflow"/>; every error names the file and where in it.</summary>
internal sealed partial class WorkflowParser(string source)
{
    static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public Workflow Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Options);
        }
        catch (JsonException e)
        {
            throw new WorkflowException($"{source}: is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        var scenario = Object(root, "the file", "name", "smoke", "steps", "description");
        var steps = Array(scenario, "steps", "the file");
        if (steps.Count == 0)
            throw Fail("steps", "is empty: a scenario needs at least one step");
        return new Workflow(
            RequiredString(scenario, "name", "the file"),
            Optional(scenario, "smoke", "the file", JsonValueKind.True, JsonValueKind.False)?.GetValue<bool>() ?? false,
            [.. steps.Select((s, i) => Step(s, $"steps[{i}]"))],
            source);
    }

    WorkflowStep Step(JsonNode? node, string where)
    {
        var step = Object(node, where, "name", "request", "expect", "capture", "poll");
        where = step["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? $"{where} ('{name}')" : where;
        var capture = Optional(step, "capture", where, JsonValueKind.Object)?.AsObject()
            .ToDictionary(p => p.Key, p => Path(p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null, $"{where}.capture.{p.Key}"));
        return new WorkflowStep(
            RequiredString(step, "name", where),
            Request(step["request"], $"{where}.request"),
            Expectation(step["expect"], $"{where}.expect"),
            capture ?? [],
            step["poll"] is { } poll ? Poll(poll, $"{where}.poll") : null);
    }

    WorkflowRequest Request(JsonNode? node, string where)
    {
        var request = Object(node, where, "method", "path", "body", "headers");
        var method = RequiredString(request, "method", where).ToUpperInvariant();
        if (!WorkflowRequest.Methods.Contains(method))
            throw Fail($"{where}.method", $"'{method}' is not supported: use one of {string.Join(", ", WorkflowRequest.Methods)}");
        var path = RequiredString(request, "path", where);
        if (!path.StartsWith('/'))
            throw Fail($"{where}.path", $"'{path}' must start with '/': it is relative to the service's base address");
        var headers = Optional(request, "headers", where, JsonValueKind.Object)?.AsObject().ToDictionary(
            p => p.Key,
            p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Fail($"{where}.headers.{p.Key}", "must be a string"));
        return new WorkflowRequest(method, path, request["body"]?.DeepClone(), headers ?? []);
    }

    WorkflowPoll Poll(JsonNode node, string where)
    {
        var poll = Object(node, where, "until", "timeout", "interval");
        if (poll["until"] is not { } until)
            throw Fail($"{where}.until", "is missing: say which JSON values end the polling, e.g. { \"$.status\": { \"in\": [\"succeeded\", \"failed\"] } }");
        return new WorkflowPoll(
            Assertions(until, $"{where}.until"),
            Duration(poll, "timeout", where) ?? WorkflowPoll.DefaultTimeout,
            Duration(poll, "interval", where) ?? WorkflowPoll.DefaultInterval);
    }

    WorkflowException Fail(string where, string problem) => new($"{source}: {where} {problem}.");
}
