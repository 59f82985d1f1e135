using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class ParameterConversionTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    ParameterBuild Resolve(params string[] args)
    {
        var r = root.Run<ParameterBuild>(["Show", .. args]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.As<ParameterBuild>();
    }

    BuildResult Fail(string[] args, Dictionary<string, string>? env = null)
    {
        var r = root.Run<ParameterBuild>(["Show", .. args], env);
        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Empty(r.Ran);
        return r;
    }

    [Fact]
    public void Bool_bare_flag_is_true()
    {
        Assert.False(Resolve().Force);
        Assert.True(Resolve("--force").Force);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    public void Bool_takes_an_explicit_value(string value, bool expected)
    {
        Assert.Equal(expected, Resolve("--force", value).Force);
    }

    [Fact]
    public void Bool_bare_flag_before_another_option()
    {
        var build = Resolve("--force", "--retries", "5");

        Assert.True(build.Force);
        Assert.Equal(5, build.Retries);
    }

    [Fact]
    public void Int_is_parsed()
    {
        Assert.Equal(42, Resolve("--retries", "42").Retries);
    }

    [Fact]
    public void String_array_takes_several_values()
    {
        Assert.Equal(["web1", "web2", "db1"], Resolve("--hosts", "web1", "web2", "db1").Hosts);
    }

    [Fact]
    public void String_array_splits_commas()
    {
        Assert.Equal(["web1", "web2"], Resolve("--hosts", "web1,web2").Hosts);
    }

    [Fact]
    public void String_array_from_a_json_array()
    {
        root.WriteNuke("parameters.json", """{ "Hosts": ["a", "b"], "Retries": 9, "Force": true }""");

        var build = Resolve();

        Assert.Equal(["a", "b"], build.Hosts);
        Assert.Equal(9, build.Retries);
        Assert.True(build.Force);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:01:30", 90)]
    [InlineData("45", 45)]
    public void TimeSpan_forms(string value, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Resolve("--timeout", value).Timeout);
    }

    [Theory]
    [InlineData("chocolate", Flavor.Chocolate)]
    [InlineData("SALTED-CARAMEL", Flavor.SaltedCaramel)]
    [InlineData("SaltedCaramel", Flavor.SaltedCaramel)]
    public void Enum_ignores_case_and_dashes(string value, Flavor expected)
    {
        Assert.Equal(expected, Resolve("--flavor", value).Flavor);
    }

    [Fact]
    public void Enumeration_class_is_converted()
    {
        Assert.Same(Channel.Beta, Resolve("--channel", "BETA").Channel);
        Assert.Same(Channel.Stable, Resolve().Channel);
    }

    [Fact]
    public void Enum_error_names_the_parameter_and_the_allowed_values()
    {
        var r = Fail(["--flavor", "mint"]);

        Assert.Contains("--flavor", r.Output);
        Assert.Contains("'mint'", r.Output);
        Assert.Contains("Vanilla, Chocolate, SaltedCaramel", r.Output);
    }

    [Fact]
    public void Enumeration_error_names_the_allowed_values()
    {
        var r = Fail(["--channel", "nightly"]);

        Assert.Contains("--channel", r.Output);
        Assert.Contains("stable, beta", r.Output);
    }

    [Theory]
    [InlineData("--retries", "many", "whole number")]
    [InlineData("--timeout", "soon", "duration")]
    [InlineData("--force", "maybe", "boolean")]
    public void Conversion_error_names_the_parameter_and_what_it_accepts(string option, string value, string expected)
    {
        var r = Fail([option, value]);

        Assert.Contains(option, r.Output);
        Assert.Contains(expected, r.Output);
    }

    [Fact]
    public void Conversion_error_from_the_environment_names_the_variable()
    {
        var r = Fail([], new Dictionary<string, string> { ["RETRIES"] = "lots" });

        Assert.Contains("--retries", r.Output);
        Assert.Contains("RETRIES", r.Output);
    }

    [Fact]
    public void Single_value_parameter_rejects_several_values()
    {
        var r = Fail(["--retries", "1", "2"]);

        Assert.Contains("--retries", r.Output);
    }
}
