using System.Diagnostics;
using Targets.Tests.Fixtures;

namespace Targets.Tests;

/// <summary>Where targets may stand, what bad input gets, suggestions, colors, widths, completion and the GitHub job summary.</summary>
public sealed class CommandLineTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    static string[] Lines(string output) => output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void A_flag_before_the_target_does_not_swallow_it()
    {
        var r = root.Run<SuggestionBuild>("--plan", "PromoteToProduction");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Equal(["Compile", "PromoteToProduction"], r.Planned);
        Assert.Contains("2. PromoteToProduction", r.Output);
    }

    [Fact]
    public void A_boolean_parameter_before_the_target_is_set_and_the_target_runs()
    {
        var r = root.Run<HelpBuild>(["--force", "Deploy", "--skip"], null, x => x.Test);

        Assert.Equal(0, r.ExitCode);
        Assert.True(r.As<HelpBuild>().Force);
        Assert.Equal(["Deploy", "Unlock"], r.Ran);
    }

    [Fact]
    public void A_boolean_parameter_keeps_its_value_before_the_target()
    {
        var r = root.Run<HelpBuild>(["--force", "false", "Deploy", "--skip"], null, x => x.Test);

        Assert.Equal(0, r.ExitCode);
        Assert.False(r.As<HelpBuild>().Force);
        Assert.Equal(["Deploy", "Unlock"], r.Ran);
    }

    [Fact]
    public void A_valued_parameter_before_the_target_takes_one_value()
    {
        var r = root.Run<HelpBuild>(["--registry", "example:5000", "Restore"], null, x => x.Test);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("example:5000", r.As<HelpBuild>().Registry);
        Assert.Equal(["Restore"], r.Ran);
    }

    [Fact]
    public void A_profile_before_the_target_does_not_swallow_it()
    {
        root.WriteNuke("parameters.ci.json", """{ "Registry": "ci:5000" }""");

        var r = root.Run<HelpBuild>(["--profile", "ci", "Restore"], null, x => x.Test);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("ci:5000", r.As<HelpBuild>().Registry);
        Assert.Equal(["Restore"], r.Ran);
    }

    [Theory]
    [InlineData("--skip", "Compile")]
    [InlineData("--skip")]
    public void Skip_without_a_target_is_an_error_instead_of_running_the_default(params string[] args)
    {
        var r = root.Run<HelpBuild>(args, null, x => x.Test);

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("--skip needs the target to run", r.Output);
        Assert.Contains("(Test)", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void A_missing_root_exits_2_and_creates_nothing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-root-" + Guid.NewGuid().ToString("N"));

        var r = root.Run<ChainBuild>("Restore", "--root", missing);

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains($"--root '{missing}' is not a repository root", r.Output);
        Assert.False(Directory.Exists(missing));
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void A_root_without_a_nuke_folder_exits_2_and_writes_nothing_there()
    {
        var bare = Directory.CreateTempSubdirectory("bare-root-").FullName;
        try
        {
            var r = root.Run<ChainBuild>("Restore", "--root", bare);

            Assert.Equal(BuildHost.BadInput, r.ExitCode);
            Assert.Contains("has no .nuke folder", r.Output);
            Assert.Empty(Directory.GetFileSystemEntries(bare));
        }
        finally
        {
            Directory.Delete(bare, recursive: true);
        }
    }

    [Fact]
    public void A_near_miss_of_a_long_name_gets_a_suggestion()
    {
        var r = root.Run<SuggestionBuild>("Promte");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Unknown target 'Promte'. Did you mean 'PromoteToProduction'?", r.Output);
    }

    [Theory]
    [InlineData("PromoteInternl")]
    [InlineData("Xyzzy")]
    public void Hidden_targets_are_never_suggested_or_listed(string typed)
    {
        var r = root.Run<SuggestionBuild>(typed);

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.DoesNotContain("PromoteInternal", r.Output);
    }

    [Fact]
    public void A_hidden_target_can_still_be_run()
    {
        Assert.Equal(["PromoteInternal"], root.Run<SuggestionBuild>("PromoteInternal").Ran);
    }

    [Fact]
    public void An_ambiguous_option_offers_every_near_name()
    {
        var r = root.Run<SuggestionBuild>("Compile", "--cont", "3");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Unknown parameter '--cont'. Did you mean", r.Output);
        Assert.Contains("'--count'", r.Output);
        Assert.Contains("'--context'", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void A_terminal_gets_colors()
    {
        var r = root.RunInTerminal<SuggestionBuild>(["Compile"], new() { ["TERM"] = "xterm" });

        Assert.Contains("\u001b[", r.Output);
    }

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("TERM", "dumb")]
    public void NO_COLOR_turns_colors_off_in_a_terminal(string variable, string value)
    {
        var r = root.RunInTerminal<FailureBuild>(["Broken"], new() { [variable] = value });

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.DoesNotContain("\u001b[", r.Output);
        Assert.Contains("Build failed", r.Output);
    }

    [Theory]
    [InlineData(OutputMode.Plain, "NO_COLOR", "1", true)]
    [InlineData(OutputMode.Terminal, "NO_COLOR", "", true)]
    [InlineData(OutputMode.Plain, "CI", "true", false)]
    [InlineData(OutputMode.Terminal, "CI", "true", true)]
    public void Colors_need_a_terminal_and_no_NO_COLOR(OutputMode expected, string variable, string value, bool isTerminal)
    {
        Assert.Equal(expected, OutputModes.Detect(new Dictionary<string, string> { [variable] = value }, isTerminal));
    }

    [Theory]
    [InlineData(null, 80)]
    [InlineData("100", 100)]
    public void The_summary_wraps_long_notes_to_the_width(string? columns, int width)
    {
        var r = root.Run<SuggestionBuild>(["Noted"], columns is null ? null : new() { ["COLUMNS"] = columns });

        Assert.Equal(0, r.ExitCode);
        Assert.All(Lines(r.Output), l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
        var words = string.Join(" ", Lines(r.Output).SkipWhile(l => !l.TrimStart().StartsWith("Noted", StringComparison.Ordinal)).TakeWhile(l => !l.TrimStart().StartsWith("Total", StringComparison.Ordinal)))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(string.Join(" ", SuggestionBuild.LongNote.Split(' ')), string.Join(" ", words));
    }

    [Fact]
    public void In_GitHub_Actions_the_summary_is_appended_to_the_job_summary_as_Markdown()
    {
        var summary = root.Combine("step-summary.md");
        File.WriteAllText(summary, "earlier step\n");

        var r = root.Run<ChainBuild>(["Compile"], new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Equal(0, r.ExitCode);
        var lines = File.ReadAllLines(summary);
        Assert.Equal("earlier step", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("### Build succeeded", StringComparison.Ordinal));
        Assert.Contains("| Target | Status | Duration | Notes |", lines);
        Assert.Contains(lines, l => l.StartsWith("| Restore | Succeeded | ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| Compile | Succeeded | ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| Total |  | ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_GITHUB_STEP_SUMMARY_no_summary_file_is_written()
    {
        var r = root.Run<ChainBuild>(["Compile"], new() { ["GITHUB_ACTIONS"] = "true" });

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(Directory.GetFiles(root.Path, "*.md"));
    }

    [Fact]
    public void Targets_and_skip_may_come_from_a_parameters_file()
    {
        root.WriteNuke("parameters.json", """{ "Target": ["Compile"], "Skip": ["Restore"] }""");

        var r = root.Run<ChainBuild>();

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["GenerateCode", "Compile"], r.Ran);
    }

    [Theory]
    [InlineData("", "Pro", "PromoteToProduction")]
    [InlineData("", "Promote", "PromoteToProduction")]
    [InlineData("", "--co", "--completion --container-port --context --count")]
    [InlineData("--verbosity", "m", "minimal")]
    public void Bash_completion_offers_targets_options_and_values(string previous, string current, string expected)
    {
        var r = root.Run<SuggestionBuild>("--completion", "bash");
        Assert.Equal(0, r.ExitCode);
        var script = root.Combine("completion.bash");
        File.WriteAllText(script, r.Output);
        string[] words = previous.Length == 0 ? ["./build.sh", current] : ["./build.sh", previous, current];

        var offered = Bash($"source {script}; COMP_WORDS=({string.Join(" ", words)}); COMP_CWORD={words.Length - 1}; _build_sh; echo \"${{COMPREPLY[*]}}\"");

        Assert.Equal(expected, offered);
        Assert.DoesNotContain("PromoteInternal", r.Output);
        Assert.False(Directory.Exists(root.Combine("logs")), "completion writes no log");
    }

    [Fact]
    public void Completion_for_another_shell_is_an_error()
    {
        var r = root.Run<SuggestionBuild>("--completion", "tcsh");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("--completion supports bash", r.Output);
    }

    static string Bash(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        var error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, error);
        return output.Trim();
    }
}
