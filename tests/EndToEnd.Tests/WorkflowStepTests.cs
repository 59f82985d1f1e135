using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests;

/// <summary>
/// The build step of a checked-in workflow run as GitHub runs it: its script under bash -eo pipefail, its env with the
/// expressions replaced by what GitHub would pass (an input or secret that is not set is an empty string), but no token.
/// </summary>
public sealed class WorkflowStepTests
{
    [Fact]
    public async Task Rollback_run_without_a_tag_or_emergency_changes_nothing_and_says_what_to_choose()
    {
        var run = await RunStepAsync("rollback", new() { ["inputs.tag"] = "", ["inputs.emergency"] = "false" });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Nothing was run", run.Output);
        Assert.Contains("--tag or --list or --emergency", run.Output);
    }

    [Fact]
    public async Task Rollback_inputs_reach_the_build_as_parameters()
    {
        var run = await RunStepAsync("rollback", new() { ["inputs.tag"] = "rollback-19990101-000000", ["inputs.emergency"] = "false", ["secrets.REGISTRY_PASSWORD"] = "s3cret-value" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("rollback-19990101-000000", run.Output);
        Assert.DoesNotContain("s3cret-value", run.Output);
    }

    static async Task<BuildRun> RunStepAsync(string workflow, Dictionary<string, string> values)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(BuildScript.Root, ".github", "workflows", workflow + ".yml"))));
        var steps = (YamlSequenceNode)yaml.Documents[0].RootNode["jobs"][workflow]["steps"];
        var step = (YamlMappingNode)steps.Single(s => ((YamlMappingNode)s).Children.ContainsKey("run"));
        Assert.Equal("bash", step["shell"].ToString());
        var start = new ProcessStartInfo("bash") { WorkingDirectory = BuildScript.Root };
        foreach (var arg in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"].ToString() })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in ((YamlMappingNode)step["env"]).Children)
            start.Environment[name.ToString()] = Regex.Replace(value.ToString(), @"\$\{\{ (\S+) \}\}", m => values.GetValueOrDefault(m.Groups[1].Value, ""));
        start.Environment["CI"] = "true";
        // No token and no repository: the build must not reach GitHub's API from a test (GitHub always passes a token).
        foreach (var name in new[] { "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_ACTIONS", "BUILD_FORCE" })
            start.Environment.Remove(name);
        return await BuildScript.RunProcessAsync(start, TimeSpan.FromMinutes(10));
    }
}
