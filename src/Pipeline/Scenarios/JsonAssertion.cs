using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Scenarios;

/// <summary>One check on an answer's JSON body: the value at <paramref name="Path"/> compared by <paramref name="Operator"/> with <paramref name="Expected"/>.</summary>
/// <param name="Path">Where the value is.</param>
/// <param name="Operator">How it is compared.</param>
/// <param name="Expected">The expected value as written; it may hold <c>${name}</c> placeholders.</param>
public sealed record JsonAssertion(JsonPath Path, AssertionOperator Operator, JsonNode? Expected)
{
    const string Missing = "(missing)";
    static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(1);

    /// <summary>The assertion as written, e.g. <c>$.status in ["succeeded"]</c>.</summary>
    public string Describe() => $"{Path} {AssertionOperators.NameOf(Operator)} {JsonValues.Show(Expected)}";

    /// <summary>Null when the assertion holds for <paramref name="document"/>, else what was expected and found.</summary>
    public AssertionFailure? Check(JsonNode? document, ScenarioVariables variables)
    {
        var expected = variables.Resolve(Expected);
        var found = Path.TrySelect(document, out var actual);
        var shown = found ? JsonValues.Show(actual) : Missing;
        var holds = Operator switch
        {
            AssertionOperator.Exists => (found && actual is not null) == (expected?.GetValue<bool>() ?? false),
            _ when !found => false,
            AssertionOperator.EqualTo => JsonValues.Same(actual, expected),
            AssertionOperator.NotEqualTo => !JsonValues.Same(actual, expected),
            AssertionOperator.In => expected is JsonArray options && options.Any(o => JsonValues.Same(actual, o)),
            AssertionOperator.GreaterThan => Compare(actual, expected) > 0,
            AssertionOperator.LessThan => Compare(actual, expected) < 0,
            AssertionOperator.Matches => actual is not null && Regex.IsMatch(JsonValues.Text(actual), JsonValues.Text(expected), RegexOptions.None, RegexBudget),
            _ => false,
        };
        if (holds)
            return null;
        if (Operator is AssertionOperator.GreaterThan or AssertionOperator.LessThan && found && Compare(actual, expected) is null)
            shown += JsonValues.TryNumber(actual, out _) ? " (the expected value is not a number)" : " (not a number)";
        return new AssertionFailure(Describe(), Expectation(expected), shown);
    }

    string Expectation(JsonNode? expected) => Operator switch
    {
        AssertionOperator.EqualTo => JsonValues.Show(expected),
        AssertionOperator.Exists => expected?.GetValue<bool>() == true ? "a value" : "no value (missing or null)",
        _ => $"{AssertionOperators.NameOf(Operator)} {JsonValues.Show(expected)}",
    };

    static int? Compare(JsonNode? actual, JsonNode? expected) =>
        JsonValues.TryNumber(actual, out var a) && JsonValues.TryNumber(expected, out var e) ? a.CompareTo(e) : null;
}
