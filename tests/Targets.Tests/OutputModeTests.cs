using System.Text.Json;
using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class OutputModeTests : IDisposable
{
    static readonly Dictionary<string, string> GitHub = new() { ["GITHUB_ACTIONS"] = "true" };
    static readonly Dictionary<string, string> Json = new() { ["LOG_FORMAT"] = "json" };
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void GitHubActions_groups_each_target()
    {
        var r = root.Run<ChainBuild>(["Compile"], GitHub);

        Assert.Equal(0, r.ExitCode);
        var lines = Lines(r.Output);
        Assert.Equal(3, lines.Count(l => l == "::endgroup::"));
        var restore = Array.IndexOf(lines, "::group::Restore");
        var compile = Array.IndexOf(lines, "::group::Compile");
        Assert.True(restore >= 0 && compile > restore, r.Output);
        Assert.Equal("::endgroup::", lines[restore + 1]);
    }

    [Fact]
    public void GitHubActions_reports_a_failure_as_an_error_annotation()
    {
        var r = root.Run<FailureBuild>(["Broken"], GitHub);

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Contains(Lines(r.Output), l => l.StartsWith("::error::Target Broken failed: boom", StringComparison.Ordinal));
        Assert.Contains("::group::Broken", r.Output);
    }

    [Fact]
    public void GitHubActions_reports_bad_input_as_an_error_annotation()
    {
        var r = root.Run<ChainBuild>(["Compil"], GitHub);

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains(Lines(r.Output), l => l.StartsWith("::error::Unknown target 'Compil'", StringComparison.Ordinal));
    }

    [Fact]
    public void GitHubActions_encodes_multi_line_errors_on_one_line()
    {
        var r = root.Run<ConditionBuild>(["Rollback", "RestoreBackup"], GitHub);

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        var error = Assert.Single(Lines(r.Output), l => l.StartsWith("::error::", StringComparison.Ordinal));
        Assert.Contains("%0A", error);
    }

    [Fact]
    public void Plain_mode_uses_no_workflow_commands_or_colors()
    {
        var r = root.Run<FailureBuild>("Broken");

        Assert.DoesNotContain("::", r.Output);
        Assert.DoesNotContain("\u001b[", r.Output);
        Assert.Contains("=== Broken ===", r.Output);
    }

    [Fact]
    public void Json_writes_one_object_per_line()
    {
        var r = root.Run<ChainBuild>(["Compile"], Json);

        Assert.Equal(0, r.ExitCode);
        var lines = Lines(r.Output);
        Assert.NotEmpty(lines);
        var messages = new List<string>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            Assert.True(doc.RootElement.TryGetProperty("@t", out _), line);
            messages.Add(doc.RootElement.GetProperty("@m").GetString()!);
        }
        Assert.Contains("Target Compile started", messages);
        Assert.Contains(messages, m => m.StartsWith("Build succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_failure_is_an_error_event_with_the_target()
    {
        var r = root.Run<FailureBuild>(["Broken"], Json);

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        var events = Lines(r.Output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var error = Assert.Single(events, e => e.TryGetProperty("@l", out var level) && level.GetString() == "Error");
        Assert.Equal("Broken", error.GetProperty("Target").GetString());
        Assert.Contains("boom", error.GetProperty("@m").GetString());
        Assert.Contains(events, e => e.GetProperty("@m").GetString()!.StartsWith("Build failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_wins_over_GitHubActions()
    {
        var r = root.Run<ChainBuild>(["Restore"], new() { ["LOG_FORMAT"] = "JSON", ["GITHUB_ACTIONS"] = "true" });

        Assert.DoesNotContain("::group::", r.Output);
        Assert.All(Lines(r.Output), l => JsonDocument.Parse(l).Dispose());
    }

    [Theory]
    [InlineData(nameof(OutputMode.Json), "LOG_FORMAT", "json", false)]
    [InlineData(nameof(OutputMode.GitHubActions), "GITHUB_ACTIONS", "true", true)]
    [InlineData(nameof(OutputMode.Terminal), "HOME", "/root", true)]
    [InlineData(nameof(OutputMode.Plain), "TERM", "dumb", true)]
    [InlineData(nameof(OutputMode.Plain), "HOME", "/root", false)]
    [InlineData(nameof(OutputMode.Plain), "NO_COLOR", "1", true)]
    [InlineData(nameof(OutputMode.Terminal), "NO_COLOR", "", true)]
    [InlineData(nameof(OutputMode.Plain), "CI", "true", false)]
    [InlineData(nameof(OutputMode.Terminal), "CI", "true", true)]
    public void Mode_is_detected_from_the_environment(string expected, string variable, string value, bool isTerminal)
    {
        Assert.Equal(Enum.Parse<OutputMode>(expected), BuildOutput.DetectMode(new Dictionary<string, string> { [variable] = value }, isTerminal));
    }

    [Fact]
    public void Quiet_verbosity_hides_information_but_keeps_errors()
    {
        var r = root.Run<FailureBuild>("Broken", "--verbosity", "quiet");

        Assert.DoesNotContain("Regenerated", r.Output);
        Assert.Contains("Target Broken failed", r.Output);
    }
}
