using System.Text.Json.Nodes;
using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class SchemaTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    string SchemaPath => Path.Combine(root.Nuke, "build.schema.json");

    JsonNode Schema() => JsonNode.Parse(File.ReadAllText(SchemaPath))!;

    JsonNode Property(string name) => Schema()["properties"]![name] ?? throw new Xunit.Sdk.XunitException($"no property {name}");

    void RunLocal(Dictionary<string, string>? env = null) => Assert.Equal(0, root.Run<HelpBuild>(["Restore"], env).ExitCode);

    [Fact]
    public void Written_on_a_local_run_with_the_targets()
    {
        RunLocal();

        var targets = Schema()["definitions"]!["ExecutableTarget"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>());
        Assert.Equal(["Restore", "Compile", "Test", "SecretSauce", "Deploy", "Unlock", "Smoke"], targets);
    }

    [Fact]
    public void Describes_Target_and_Skip_as_lists_of_targets()
    {
        RunLocal();

        foreach (var name in new[] { "Target", "Skip" })
        {
            Assert.Equal("array", Property(name)["type"]!.GetValue<string>());
            Assert.Equal("#/definitions/ExecutableTarget", Property(name)["items"]!["$ref"]!.GetValue<string>());
            Assert.NotNull(Property(name)["description"]);
        }
    }

    [Fact]
    public void Describes_parameter_types()
    {
        RunLocal();

        Assert.Equal("string", Property("Registry")["type"]!.GetValue<string>());
        Assert.Equal("boolean", Property("Force")["type"]!.GetValue<string>());
        Assert.Equal("integer", Property("MaxRetries")["type"]!.GetValue<string>());
        Assert.Equal("array", Property("Hosts")["type"]!.GetValue<string>());
        Assert.Equal("string", Property("Hosts")["items"]!["type"]!.GetValue<string>());
        Assert.Equal("string", Property("HealthTimeout")["type"]!.GetValue<string>());
        Assert.NotNull(Property("HealthTimeout")["pattern"]);
    }

    [Fact]
    public void Lists_enum_values()
    {
        RunLocal();

        var values = Property("Flavor")["enum"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(["Vanilla", "Chocolate", "SaltedCaramel"], values);
    }

    [Fact]
    public void Carries_descriptions_and_marks_secrets()
    {
        RunLocal();

        Assert.Equal("Registry to push to, as host:port", Property("Registry")["description"]!.GetValue<string>());
        Assert.True(Property("RegistryPassword")["secret"]!.GetValue<bool>());
        Assert.StartsWith("Password of the registry", Property("RegistryPassword")["description"]!.GetValue<string>());
        Assert.Null(Property("Registry")["secret"]);
        Assert.DoesNotContain(HelpBuild.SecretDefault, File.ReadAllText(SchemaPath));
    }

    [Fact]
    public void Allows_the_schema_key_and_nothing_undeclared()
    {
        RunLocal();

        Assert.False(Schema()["additionalProperties"]!.GetValue<bool>());
        Assert.NotNull(Schema()["properties"]!["$schema"]);
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "1")]
    [InlineData("GITHUB_ACTIONS", "true")]
    public void Not_written_in_CI(string variable, string value)
    {
        RunLocal(new() { [variable] = value });

        Assert.False(File.Exists(SchemaPath));
    }

    [Fact]
    public void Rewritten_only_when_changed()
    {
        var first = root.Run<HelpBuild>("Restore");
        Assert.Contains("Regenerated .nuke/build.schema.json", first.Output);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(SchemaPath, old);

        var second = root.Run<HelpBuild>("Restore");

        Assert.DoesNotContain("Regenerated", second.Output);
        Assert.Equal(old, File.GetLastWriteTimeUtc(SchemaPath));
    }

    [Fact]
    public void Rewritten_when_the_content_differs()
    {
        File.WriteAllText(SchemaPath, "{}");

        var r = root.Run<HelpBuild>("Restore");

        Assert.Contains("Regenerated .nuke/build.schema.json", r.Output);
        Assert.NotNull(Schema()["properties"]!["Registry"]);
    }

    [Fact]
    public void Rewritten_when_the_build_changes()
    {
        RunLocal();
        var before = File.ReadAllText(SchemaPath);

        Assert.Equal(0, root.Run<ChainBuild>("Restore").ExitCode);

        Assert.NotEqual(before, File.ReadAllText(SchemaPath));
        Assert.Contains("PromoteToProduction", File.ReadAllText(SchemaPath));
    }

    [Fact]
    public void Written_parameters_json_referencing_the_schema_is_accepted()
    {
        RunLocal();
        root.WriteNuke("parameters.json", """{ "$schema": "./build.schema.json", "MaxRetries": 5 }""");

        var r = root.Run<HelpBuild>("Restore");

        Assert.Equal(0, r.ExitCode);
    }
}
