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

    static string[] Lines(string output) => output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    static string LineOf(string output, string start) =>
        Lines(output).FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No line starts with '{start}' in:\n{output}");

    /// <summary>The line starting with <paramref name="start"/> and its wrapped continuation lines, joined by spaces.</summary>
    static string Entry(string output, string start)
    {
        var lines = Lines(output);
        var first = Array.IndexOf(lines, LineOf(output, start));
        var indent = lines[first].TakeWhile(c => c == ' ').Count();
        var rest = lines.Skip(first + 1).TakeWhile(l => l.TakeWhile(c => c == ' ').Count() > indent + 2).Select(l => l.Trim());
        return string.Join(" ", rest.Prepend(lines[first].Trim()));
    }

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
    public void Groups_targets_by_stage_in_pipeline_order_and_the_rest_last()
    {
        var lines = Lines(Help().Output);

        int At(string line) => Array.IndexOf(lines, line);
        Assert.True(At("Build:") >= 0 && At("Build:") < At("Deliver:") && At("Deliver:") < At("Other:"), string.Join("\n", lines));
        Assert.InRange(Array.FindIndex(lines, l => l.StartsWith("  Restore ", StringComparison.Ordinal)), At("Build:"), At("Deliver:"));
        Assert.InRange(Array.FindIndex(lines, l => l.StartsWith("  Deploy ", StringComparison.Ordinal)), At("Deliver:"), At("Other:"));
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("  Smoke", StringComparison.Ordinal)) > At("Other:"));
    }

    [Theory]
    [InlineData("80", 80)]
    [InlineData("40", 80)]
    [InlineData("120", 120)]
    public void Fits_the_width_from_COLUMNS_and_never_less_than_80(string columns, int width)
    {
        var r = root.Run<HelpBuild>(["--help"], new() { ["COLUMNS"] = columns }, x => x.Test);

        Assert.All(Lines(r.Output), l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
        Assert.Contains(Lines(r.Output), l => l.Length > 60);
        Assert.Contains("so that help has to wrap it onto lines of its own", Entry(r.Output, "  --notes"));
    }

    [Fact]
    public void Wraps_long_descriptions_to_80_columns_when_the_width_is_unknown()
    {
        var output = Help().Output;

        Assert.All(Lines(output), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.NotEqual(LineOf(output, "  --notes"), Entry(output, "  --notes"));
    }

    [Fact]
    public void Help_for_a_target_shows_its_dependencies_parameters_and_examples()
    {
        var r = root.Run<HelpBuild>(["--help", "Deploy"], null, x => x.Test);

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Equal("Deploy (deliver)", LineOf(r.Output, "Deploy"));
        Assert.Contains("Deploy to the hosts", r.Output);
        Assert.Equal("Depends on  Test, Compile", LineOf(r.Output, "  Depends on").Trim());
        Assert.Equal("Triggers    Unlock", LineOf(r.Output, "  Triggers").Trim());
        Assert.Equal("Requires    Registry", LineOf(r.Output, "  Requires").Trim());
        Assert.Contains("Restore, Compile, Test, Deploy, Unlock", Entry(r.Output, "  Runs"));
        Assert.Contains("Registry to push to", Entry(r.Output, "  --registry <value>"));
        Assert.Contains("Push even when the image exists", Entry(r.Output, "  --force"));
        Assert.Contains("Hosts to deploy to", Entry(r.Output, "  --hosts <values...>"));
        Assert.DoesNotContain("--max-retries", r.Output);
        Assert.Contains("./build.sh Deploy --plan", r.Output);
        Assert.Contains("./build.sh Deploy --skip", r.Output);
        Assert.Contains("./build.sh Deploy --registry <value>", r.Output);
        Assert.DoesNotContain("Parameters:", r.Output);
    }

    [Fact]
    public void Help_for_a_target_may_follow_the_target()
    {
        var r = root.Run<HelpBuild>(["Compile", "--help"], null, x => x.Test);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Compile (build)", LineOf(r.Output, "Compile"));
        Assert.Contains("Parameters it reads:", r.Output);
        Assert.Equal("none", LineOf(r.Output, "  none").Trim());
    }

    [Fact]
    public void Help_for_an_unknown_target_exits_2_with_a_hint()
    {
        var r = root.Run<HelpBuild>(["--help", "Deplyo"], null, x => x.Test);

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Unknown target 'Deplyo'. Did you mean 'Deploy'?", r.Output);
    }

    [Fact]
    public void Lists_parameters_in_kebab_case_with_descriptions_and_defaults()
    {
        var output = Help().Output;

        var registry = Entry(output, "  --registry ");
        Assert.Contains("Registry to push to, as host:port", registry);
        Assert.Contains("default: localhost:5000", registry);
        Assert.Contains("default: 3", Entry(output, "  --max-retries <number>"));
        Assert.Contains("default: web1", Entry(output, "  --hosts <values...>"));
        Assert.Contains("default: 90s", Entry(output, "  --health-timeout <duration>"));
        Assert.Contains("Image flavor", Entry(output, "  --flavor <Vanilla|Chocolate|SaltedCaramel>"));
        Assert.Contains("Push even when the image exists", Entry(output, "  --force "));
        Assert.DoesNotContain("False", Entry(output, "  --force "));
    }

    [Fact]
    public void Shows_where_a_value_came_from()
    {
        var output = Help("--registry", "example:5000").Output;

        Assert.Contains("example:5000 from argument --registry", Entry(output, "  --registry "));
    }

    [Fact]
    public void Never_shows_a_secret_value()
    {
        var r = Help();

        Assert.DoesNotContain(HelpBuild.SecretDefault, r.Output);
        Assert.Contains("default: ***", Entry(r.Output, "  --registry-password"));
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
