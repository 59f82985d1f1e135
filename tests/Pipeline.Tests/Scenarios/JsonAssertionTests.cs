using System.Text.Json.Nodes;
using Pipeline.Scenarios;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Scenarios;

/// <summary>JSON paths, operators, placeholders and the secret mask, without a service.</summary>
public sealed class JsonAssertionTests
{
    static readonly JsonNode Document = JsonNode.Parse("""{ "id": 7, "status": "running", "error": null, "items": [ { "n": 1 }, { "n": 2.0 } ], "count": "12" }""")!;

    static ScenarioVariables Variables(params (string Name, JsonNode? Value)[] captured)
    {
        var variables = new ScenarioVariables("u1", new Dictionary<string, string> { ["API_TOKEN"] = "secret-token" }, Maskers.New());
        foreach (var (name, value) in captured)
            variables.Capture(name, value);
        return variables;
    }

    static AssertionFailure? Check(string path, AssertionOperator op, string expected, ScenarioVariables? variables = null) =>
        new JsonAssertion(JsonPath.Parse(path), op, JsonNode.Parse(expected)).Check(Document, variables ?? Variables());

    [Theory]
    [InlineData("$", true)]
    [InlineData("$.id", true)]
    [InlineData("$.items[1].n", true)]
    [InlineData("$.error", true)]
    [InlineData("$.items[2].n", false)]
    [InlineData("$.id.deeper", false)]
    [InlineData("$.Status", false)]
    public void Paths_select_properties_and_array_elements(string path, bool found) =>
        Assert.Equal(found, JsonPath.Parse(path).TrySelect(Document, out _));

    [Theory]
    [InlineData("id", "must start with '$'")]
    [InlineData("$.", "a property name must follow")]
    [InlineData("$.a[x]", "unexpected '['")]
    [InlineData("$.a b", "unexpected ' '")]
    public void Invalid_paths_say_what_is_wrong(string path, string problem) =>
        Assert.Contains(problem, Assert.Throws<FormatException>(() => JsonPath.Parse(path)).Message);

    [Theory]
    [InlineData("$.id", AssertionOperator.EqualTo, "7.0", true)]
    [InlineData("$.items[1].n", AssertionOperator.EqualTo, "2", true)]
    [InlineData("$.status", AssertionOperator.EqualTo, "\"queued\"", false)]
    [InlineData("$.status", AssertionOperator.NotEqualTo, "\"queued\"", true)]
    [InlineData("$.missing", AssertionOperator.NotEqualTo, "\"queued\"", false)]
    [InlineData("$.status", AssertionOperator.In, "[\"queued\", \"running\"]", true)]
    [InlineData("$.status", AssertionOperator.In, "[\"succeeded\"]", false)]
    [InlineData("$.id", AssertionOperator.Exists, "true", true)]
    [InlineData("$.error", AssertionOperator.Exists, "false", true)]
    [InlineData("$.missing", AssertionOperator.Exists, "false", true)]
    [InlineData("$.error", AssertionOperator.Exists, "true", false)]
    [InlineData("$.id", AssertionOperator.GreaterThan, "6", true)]
    [InlineData("$.id", AssertionOperator.GreaterThan, "7", false)]
    [InlineData("$.count", AssertionOperator.LessThan, "13", true)]
    [InlineData("$.status", AssertionOperator.LessThan, "13", false)]
    [InlineData("$.status", AssertionOperator.Matches, "\"^run\"", true)]
    [InlineData("$.id", AssertionOperator.Matches, "\"^7$\"", true)]
    [InlineData("$.status", AssertionOperator.Matches, "\"^done\"", false)]
    public void Operators_compare_the_value_at_the_path(string path, AssertionOperator op, string expected, bool holds) =>
        Assert.Equal(holds, Check(path, op, expected) is null);

    [Fact]
    public void A_failure_shows_the_assertion_the_expected_and_the_actual_value()
    {
        Assert.Equal(new AssertionFailure("$.status in [\"succeeded\"]", "in [\"succeeded\"]", "\"running\""), Check("$.status", AssertionOperator.In, "[\"succeeded\"]"));
        Assert.Equal("(missing)", Check("$.nope", AssertionOperator.EqualTo, "1")!.Actual);
        Assert.Equal("\"running\" (not a number)", Check("$.status", AssertionOperator.GreaterThan, "1")!.Actual);
    }

    [Fact]
    public void A_whole_placeholder_keeps_its_json_type_and_a_partial_one_is_text()
    {
        var variables = Variables(("before", JsonValue.Create(6)), ("name", JsonValue.Create("ada")));

        Assert.Null(Check("$.id", AssertionOperator.GreaterThan, "\"${before}\"", variables));
        Assert.Equal("6", variables.Resolve(JsonValue.Create("${before}"))!.ToJsonString());
        Assert.Equal("\"id-6-ada-u1\"", variables.Resolve(JsonValue.Create("id-${before}-${name}-${unique}"))!.ToJsonString());
        Assert.Equal("/api/users/6?t=secret-token", variables.Substitute("/api/users/${before}?t=${env.API_TOKEN}"));
        Assert.Contains("captured so far: before, name", Assert.Throws<ScenarioException>(() => variables.Substitute("${other}")).Message);
    }

    [Fact]
    public void The_mask_hides_secret_named_variables_and_leaves_the_rest()
    {
        var mask = Maskers.New();
        mask.LearnFromEnvironment(new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "ghp_abcdef123", ["MY_SECRET"] = "short", ["DB_PASSWORD"] = "correct-horse", ["HOME"] = "/home/someone",
        });

        Assert.Equal("*** and *** but short, /home/someone", mask.Mask("ghp_abcdef123 and correct-horse but short, /home/someone"));
        Assert.True(mask.IsSecretName("registry_key"));
        Assert.False(mask.IsSecretName("HOME"));
    }
}
