using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Scenarios;

/// <summary>Reads a step's <c>expect</c> and a poll's <c>until</c>: status codes and JSON assertions, each checked for its operator.</summary>
internal sealed class ExpectationParser(ScenarioFields fields)
{
    public ScenarioExpectation Expectation(JsonNode? node, string where)
    {
        if (node is null)
            return new ScenarioExpectation(null, []);
        var expect = fields.Object(node, where, "status", "json");
        return new ScenarioExpectation(Status(expect["status"], $"{where}.status"), expect["json"] is { } json ? Assertions(json, $"{where}.json") : []);
    }

    List<int>? Status(JsonNode? node, string where)
    {
        if (node is null)
            return null;
        var codes = node is JsonArray list ? [.. list] : new List<JsonNode?> { node };
        return codes.Count > 0 && codes.All(c => c is JsonValue v && v.TryGetValue<int>(out var code) && code is >= 100 and <= 599)
            ? [.. codes.Select(c => c!.GetValue<int>())]
            : throw fields.Fail(where, "must be an HTTP status code such as 201, or a list of them such as [200, 204]");
    }

    public List<JsonAssertion> Assertions(JsonNode node, string where)
    {
        if (node is not JsonObject map)
            throw fields.Fail(where, "must be a JSON object of JSON path to expected value, e.g. { \"$.status\": \"succeeded\" }");
        var assertions = new List<JsonAssertion>();
        foreach (var (key, value) in map)
        {
            var at = $"{where}['{key}']";
            var path = fields.Path(key, at);
            if (value is not JsonObject operators)
            {
                assertions.Add(new JsonAssertion(path, AssertionOperator.EqualTo, value?.DeepClone()));
                continue;
            }
            if (operators.Count == 0)
                throw fields.Fail(at, $"has no operator: use one of {string.Join(", ", AssertionOperators.Names)}");
            foreach (var (name, expected) in operators)
            {
                var op = AssertionOperators.Find(name)
                    ?? throw fields.Fail(at, $"uses the unknown operator '{name}': use one of {string.Join(", ", AssertionOperators.Names)} (to compare with an object, write {{ \"equals\": {{ ... }} }})");
                assertions.Add(new JsonAssertion(path, op, Checked(op, expected, $"{at}.{name}")));
            }
        }
        return assertions;
    }

    JsonNode? Checked(AssertionOperator op, JsonNode? expected, string where)
    {
        var kind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var problem = op switch
        {
            AssertionOperator.In when kind != JsonValueKind.Array => "needs a list of values, e.g. [\"succeeded\", \"failed\"]",
            AssertionOperator.Exists when kind is not (JsonValueKind.True or JsonValueKind.False) => "needs true or false",
            AssertionOperator.GreaterThan or AssertionOperator.LessThan when kind is not (JsonValueKind.Number or JsonValueKind.String) =>
                "needs a number, or a placeholder such as \"${before}\" holding one",
            AssertionOperator.Matches when kind != JsonValueKind.String => "needs a regular expression string",
            AssertionOperator.Matches when InvalidPattern(expected!.GetValue<string>()) is { } error => $"is not a valid regular expression: {error}",
            _ => null,
        };
        return problem is null ? expected?.DeepClone() : throw fields.Fail(where, problem);
    }

    static string? InvalidPattern(string pattern)
    {
        if (pattern.Contains("${", StringComparison.Ordinal))
            return null;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
