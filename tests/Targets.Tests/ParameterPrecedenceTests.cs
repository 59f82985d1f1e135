using Targets.Tests.Fixtures;

namespace Targets.Tests;

/// <summary>CLI &gt; environment &gt; profile files &gt; .nuke/parameters.json &gt; code default: each level beats the next.</summary>
public sealed class ParameterPrecedenceTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    static Dictionary<string, string> Env(string name, string value) => new() { [name] = value };

    string Registry(string[] args, Dictionary<string, string>? env = null)
    {
        var r = root.Run<ParameterBuild>(["Show", .. args], env);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.As<ParameterBuild>().Registry;
    }

    [Fact]
    public void Code_default_applies_when_nothing_sets_the_parameter()
    {
        Assert.Equal("default-registry", Registry([]));
    }

    [Fact]
    public void Parameters_json_beats_the_code_default()
    {
        root.WriteNuke("parameters.json", """{ "$schema": "./build.schema.json", "Registry": "from-json" }""");

        Assert.Equal("from-json", Registry([]));
    }

    [Fact]
    public void Profile_file_beats_parameters_json()
    {
        root.WriteNuke("parameters.json", """{ "Registry": "from-json" }""");
        root.WriteNuke("parameters.ci.json", """{ "Registry": "from-profile" }""");

        Assert.Equal("from-profile", Registry(["--profile", "ci"]));
    }

    [Fact]
    public void Profile_file_is_only_read_when_named()
    {
        root.WriteNuke("parameters.json", """{ "Registry": "from-json" }""");
        root.WriteNuke("parameters.ci.json", """{ "Registry": "from-profile" }""");

        Assert.Equal("from-json", Registry([]));
    }

    [Fact]
    public void Last_named_profile_wins()
    {
        root.WriteNuke("parameters.ci.json", """{ "Registry": "from-ci" }""");
        root.WriteNuke("parameters.staging.json", """{ "Registry": "from-staging", "Retries": 7 }""");

        var r = root.Run<ParameterBuild>("Show", "--profile", "staging", "ci");

        Assert.Equal("from-ci", r.As<ParameterBuild>().Registry);
        Assert.Equal(7, r.As<ParameterBuild>().Retries);
    }

    [Fact]
    public void Environment_beats_profile_file()
    {
        root.WriteNuke("parameters.ci.json", """{ "Registry": "from-profile" }""");

        Assert.Equal("from-env", Registry(["--profile", "ci"], Env("Registry", "from-env")));
    }

    [Theory]
    [InlineData("Registry")]
    [InlineData("REGISTRY")]
    public void An_empty_environment_variable_counts_as_unset(string variable)
    {
        root.WriteNuke("parameters.json", """{ "Registry": "from-json" }""");

        Assert.Equal("from-json", Registry([], Env(variable, "")));
    }

    [Fact]
    public void Command_line_beats_environment()
    {
        root.WriteNuke("parameters.json", """{ "Registry": "from-json" }""");

        Assert.Equal("from-cli", Registry(["--registry", "from-cli"], Env("REGISTRY", "from-env")));
    }

    [Fact]
    public void Command_line_value_after_equals_sign()
    {
        Assert.Equal("from-cli", Registry(["--registry=from-cli"]));
    }

    [Theory]
    [InlineData("RegistryPassword")]
    [InlineData("REGISTRY_PASSWORD")]
    [InlineData("registry-password")]
    [InlineData("NUKE_REGISTRY_PASSWORD")]
    public void Environment_is_matched_exactly_loosely_and_with_the_NUKE_prefix(string variable)
    {
        var r = root.Run<ParameterBuild>(["Show"], Env(variable, "pw-from-env"));

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("pw-from-env", r.As<ParameterBuild>().RegistryPassword);
    }

    [Fact]
    public void Environment_without_the_prefix_beats_the_NUKE_prefix()
    {
        var r = root.Run<ParameterBuild>(["Show"], new Dictionary<string, string> { ["NUKE_REGISTRY"] = "prefixed", ["REGISTRY"] = "plain" });

        Assert.Equal("plain", r.As<ParameterBuild>().Registry);
    }

    [Fact]
    public void Unrelated_environment_variables_are_ignored()
    {
        Assert.Equal("default-registry", Registry([], Env("REGISTRY_HOST", "nope")));
    }
}
