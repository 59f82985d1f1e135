using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class ParameterFileTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    BuildResult Fail(params string[] args)
    {
        var r = root.Run<ParameterBuild>(["Show", .. args]);
        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Empty(r.Ran);
        return r;
    }

    [Fact]
    public void Malformed_parameters_json_exits_2_naming_the_file()
    {
        root.WriteNuke("parameters.json", """{ "Registry": "x" """);

        var r = Fail();

        Assert.Contains("parameters.json", r.Output);
        Assert.Contains("not valid JSON", r.Output);
    }

    [Fact]
    public void Parameters_json_that_is_not_an_object_exits_2()
    {
        root.WriteNuke("parameters.json", """["Registry"]""");

        Assert.Contains("parameters.json", Fail().Output);
    }

    [Fact]
    public void Malformed_profile_exits_2_naming_the_file()
    {
        root.WriteNuke("parameters.ci.json", "Registry = x");

        Assert.Contains("parameters.ci.json", Fail("--profile", "ci").Output);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        root.WriteNuke("parameters.json", """
            {
              // where images go
              "Registry": "from-json",
            }
            """);

        var r = root.Run<ParameterBuild>("Show");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("from-json", r.As<ParameterBuild>().Registry);
    }

    [Fact]
    public void Unknown_key_exits_2_with_a_hint()
    {
        root.WriteNuke("parameters.json", """{ "Registy": "x" }""");

        var r = Fail();

        Assert.Contains("'Registy'", r.Output);
        Assert.Contains("not a parameter", r.Output);
        Assert.Contains("Did you mean 'Registry'?", r.Output);
    }

    [Fact]
    public void Unknown_key_in_a_profile_exits_2()
    {
        root.WriteNuke("parameters.ci.json", """{ "Nope": 1 }""");

        Assert.Contains("'Nope'", Fail("--profile", "ci").Output);
    }

    [Fact]
    public void Missing_profile_exits_2_listing_the_available_profiles()
    {
        root.WriteNuke("parameters.ci.json", "{}");
        root.WriteNuke("parameters.staging.json", "{}");

        var r = Fail("--profile", "prod");

        Assert.Contains("parameters.prod.json", r.Output);
        Assert.Contains("ci", r.Output);
        Assert.Contains("staging", r.Output);
        Assert.Matches("Available profiles: (ci, staging|staging, ci)", r.Output);
    }

    [Fact]
    public void Missing_profile_with_none_available_says_so()
    {
        Assert.Contains("Available profiles: none", Fail("--profile", "prod").Output);
    }

    [Fact]
    public void Bad_value_in_parameters_json_names_the_file()
    {
        root.WriteNuke("parameters.json", """{ "Flavor": "mint" }""");

        var r = Fail();

        Assert.Contains("--flavor", r.Output);
        Assert.Contains("parameters.json", r.Output);
    }
}
