using System.Text.RegularExpressions;
using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class HelpTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    BuildResult Help(params string[] extra)
    {
        var r = root.Run<HelpBuild>(["--help", .. extra], null, x => x.Test);
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        return r;
    }

    static string LineOf(string output, string start) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No line starts with '{start}' in:\n{output}");

    [Fact]
    public void Lists_listed_targets_with_their_descriptions()
    {
        var output = Help().Output;

        Assert.Contains("Restore packages", LineOf(output, "  Restore "));
        Assert.Contains("Compile the solution", LineOf(output, "  Compile "));
        Assert.Contains("Deploy to the hosts", LineOf(output, "  Deploy "));
    }

    [Fact]
    public void Every_target_is_known_to_the_build_with_its_declared_outputs()
    {
        var build = Help().As<HelpBuild>();

        Assert.Equal(["artifacts/test-results", "artifacts/*.trx"], build.AllTargets.Single(t => t.Name == "Test").Products);
        Assert.Empty(build.AllTargets.Single(t => t.Name == "Compile").Products);
        Assert.Contains(build.AllTargets, t => t.Name == "SecretSauce");
    }

    [Fact]
    public void Does_not_list_unlisted_targets()
    {
        var output = Help().Output;

        Assert.DoesNotContain("SecretSauce", output);
        Assert.DoesNotContain("Internal helper", output);
    }

    [Fact]
    public void Unlisted_targets_can_still_be_invoked()
    {
        Assert.Equal(["SecretSauce"], root.Run<HelpBuild>("SecretSauce").Ran);
    }

    [Fact]
    public void Marks_the_default_target_with_a_star()
    {
        var output = Help().Output;

        Assert.Matches(@"^  Test \*\s+Run the unit tests", LineOf(output, "  Test"));
        Assert.DoesNotContain("*", LineOf(output, "  Compile"));
        Assert.Single(output.Split('\n'), l => Regex.IsMatch(l, @"^  \w+ \*"));
    }

    [Fact]
    public void Shows_direct_dependencies_only()
    {
        var output = Help().Output;

        Assert.EndsWith("Restore", LineOf(output, "  Compile").TrimEnd());
        Assert.Matches(@"Test, Compile$", LineOf(output, "  Deploy").TrimEnd());
        Assert.DoesNotContain("Restore", LineOf(output, "  Deploy"));
    }

    [Fact]
    public void Lists_parameters_in_kebab_case_with_descriptions_and_defaults()
    {
        var output = Help().Output;

        var registry = LineOf(output, "  --registry ");
        Assert.Contains("Registry to push to, as host:port", registry);
        Assert.Contains("default: localhost:5000", registry);
        Assert.Contains("default: 3", LineOf(output, "  --max-retries <number>"));
        Assert.Contains("default: web1", LineOf(output, "  --hosts <values...>"));
        Assert.Contains("default: 90s", LineOf(output, "  --health-timeout <duration>"));
        Assert.Contains("Image flavor", LineOf(output, "  --flavor <Vanilla|Chocolate|SaltedCaramel>"));
        Assert.Contains("Push even when the image exists", LineOf(output, "  --force "));
    }

    [Fact]
    public void Shows_where_a_value_came_from()
    {
        var output = Help("--registry", "example:5000").Output;

        Assert.Contains("example:5000 (from argument --registry)", LineOf(output, "  --registry "));
    }

    [Fact]
    public void Never_shows_a_secret_value()
    {
        var r = Help();

        Assert.DoesNotContain(HelpBuild.SecretDefault, r.Output);
        Assert.Contains("default: ***", LineOf(r.Output, "  --registry-password"));
        Assert.DoesNotContain(HelpBuild.SecretDefault, root.LogFiles());
    }

    [Fact]
    public void Never_shows_a_secret_value_given_on_the_command_line()
    {
        var r = Help("--registry-password", "given-pw-123456");

        Assert.DoesNotContain("given-pw-123456", r.Output);
        Assert.DoesNotContain("given-pw-123456", root.LogFiles());
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Short_forms_show_help(string flag)
    {
        var r = root.Run<HelpBuild>(flag);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Parameters:", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Plan_prints_the_targets_in_order_and_runs_nothing()
    {
        var r = root.Run<HelpBuild>("Deploy", "--plan");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        var lines = r.Output.Split('\n').Select(l => Regex.Match(l, @"^\s+(\d+)\. (\w+)")).Where(m => m.Success).ToList();
        Assert.Equal(["Restore", "Compile", "Test", "Deploy", "Unlock"], lines.Select(m => m.Groups[2].Value));
        Assert.Equal(["1", "2", "3", "4", "5"], lines.Select(m => m.Groups[1].Value));
        Assert.Contains("Execution plan (5 targets)", r.Output);
        Assert.Contains("(assured", LineOf(r.Output, "   5. Unlock"));
    }

    [Fact]
    public void Plan_shows_skipped_targets_and_dynamic_conditions()
    {
        var r = root.Run<HelpBuild>("Compile", "Smoke", "--plan", "--skip", "Restore");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Contains("skipped: --skip", LineOf(r.Output, "   1. Restore"));
        Assert.Contains("only when Force", LineOf(r.Output, "   3. Smoke"));
    }

    [Fact]
    public void Plan_does_not_check_requirements_or_run_assured_targets()
    {
        var r = root.Run<ConditionBuild>("Rollback", "--plan");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Contains("2. Rollback", r.Output);
    }
}
