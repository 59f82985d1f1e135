using Pipeline.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

public sealed class SanitizationRulesTests : IDisposable
{
    readonly string folder = TestMachine.TempDirectory("rules");

    public void Dispose() => TestMachine.Delete(folder);

    DataException LoadError(string json)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<DataException>(() => SanitizationRules.Load(path));
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void The_shipped_rules_load_and_cover_the_sample_app()
    {
        var rules = SanitizationRules.Load(Path.Combine(TestMachine.RepositoryRoot, "deploy", "sanitize.json"));
        Assert.Null(rules.Salt);
        Assert.Equal(RuleKind.Email, rules.RuleFor("users", "email"));
        Assert.Equal(RuleKind.Email, rules.RuleFor("USERS", "Email"));
        Assert.Equal(RuleKind.Phone, rules.RuleFor("users", "phone"));
        Assert.Equal(RuleKind.Name, rules.RuleFor("users", "name"));
        Assert.Equal(RuleKind.Text, rules.RuleFor("jobs", "payload"));
        Assert.Null(rules.RuleFor("users", "nope"));
    }

    [Fact]
    public void Malformed_json_names_the_file_and_the_line()
    {
        var error = LoadError("{\n  \"tables\": {\n    \"users\": { \"email\": \"email\" \n  }\n");
        Assert.Contains("is not valid JSON", error.Message);
        Assert.Contains("LineNumber", error.Message);
    }

    [Fact]
    public void An_unknown_rule_kind_lists_the_allowed_ones()
    {
        var error = LoadError("""{ "tables": { "users": { "email": "mask" } } }""");
        Assert.Contains("tables.users.email: unknown rule 'mask'; allowed: keep, drop, email, phone, name, text", error.Message);
    }

    [Theory]
    [InlineData("""[]""", "not an object")]
    [InlineData("""{ "table": {} }""", "unknown property 'table'")]
    [InlineData("""{ "salt": "x" }""", "'tables' is missing")]
    [InlineData("""{ "tables": { "users": "email" } }""", "tables.users must be an object")]
    [InlineData("""{ "tables": { "users": { "email": 3 } } }""", "unknown rule '3'")]
    [InlineData("""{ "tables": { "users": { "email": "email", "EMAIL": "keep" } } }""", "listed twice")]
    [InlineData("""{ "salt": 5, "tables": {} }""", "'salt' must be a string")]
    public void Wrong_shapes_say_what_is_wrong(string json, string expected) =>
        Assert.Contains(expected, LoadError(json).Message);

    [Fact]
    public void A_missing_file_says_what_to_create() =>
        Assert.Contains("No sanitization rules at", Assert.Throws<DataException>(() => SanitizationRules.Load(Path.Combine(folder, "none.json"))).Message);
}
