using System.Diagnostics;
using System.Text.RegularExpressions;
using Pipeline.Compose;
using Pipeline.Machine;
using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests;

/// <summary>
/// Steps of the checked-in workflows run as GitHub runs them: the script under bash -eo pipefail, its env with the
/// expressions replaced by what GitHub would pass (an input or secret that is not set is an empty string), but no token.
/// </summary>
public sealed class WorkflowStepTests
{
    [Fact]
    public async Task Rollback_run_without_a_tag_or_emergency_changes_nothing_and_says_what_to_choose()
    {
        var run = await RunStepAsync(BuildStep("rollback", "rollback"), new() { ["inputs.tag"] = "", ["inputs.emergency"] = "false" });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Nothing was run", run.Output);
        Assert.Contains("--tag or --list or --emergency", run.Output);
    }

    [Fact]
    public async Task Rollback_inputs_reach_the_build_as_parameters()
    {
        var run = await RunStepAsync(BuildStep("rollback", "rollback"), new() { ["inputs.tag"] = "rollback-19990101-000000", ["inputs.emergency"] = "false", ["secrets.REGISTRY_PASSWORD"] = "s3cret-value" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("rollback-19990101-000000", run.Output);
        Assert.DoesNotContain("s3cret-value", run.Output);
    }

    [Fact]
    public async Task The_production_job_runs_only_the_promotion_after_the_staging_job_ran_the_rest()
    {
        var staging = await PlanAsync(BuildStep("promote", "staging"));
        var production = await PlanAsync(BuildStep("promote", "promote"));

        Assert.True(staging.ExitCode == 0, staging.ToString());
        Assert.True(production.ExitCode == 0, production.ToString());
        foreach (var target in new[] { "PushImages", "DeployStaging", "SyncProductionData", "HealthCheck", "WorkflowTests" })
        {
            Assert.Matches($@"\d+\. {target}\s*\n", staging.Output);
            Assert.Matches($@"\d+\. {target}  \(skipped: --skip\)", production.Output);
        }
        Assert.DoesNotContain("PromoteToProduction", staging.Output);
        Assert.Matches(@"\d+\. PromoteToProduction\s*\n", production.Output);
        var ran = Regex.Matches(production.Output, @"^\s+\d+\. (\S+)(.*)$", RegexOptions.Multiline).Where(m => !m.Groups[2].Value.Contains("skipped", StringComparison.Ordinal));
        Assert.Equal(["PromoteToProduction", "ReleaseDeployLock"], ran.Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task The_production_secret_reaches_the_app_through_compose_s_env_file_and_never_the_log()
    {
        var temp = Directory.CreateTempSubdirectory("workflow-env-file-").FullName;
        try
        {
            var githubEnv = Path.Combine(temp, "github-env");
            const string secret = "PAYMENT_API_KEY=sk-live-4242 with spaces\nDB_PASSWORD=p@ss";
            var step = Step("promote", "promote", s => s.Children["name"].ToString().StartsWith("Write the secret APP_PRODUCTION_ENV", StringComparison.Ordinal));

            var write = await RunStepAsync(step, new() { ["secrets.APP_PRODUCTION_ENV"] = secret }, new() { ["RUNNER_TEMP"] = temp, ["GITHUB_ENV"] = githubEnv });

            Assert.True(write.ExitCode == 0, write.ToString());
            Assert.DoesNotContain("sk-live", write.Output);
            var (name, file) = File.ReadAllText(githubEnv).Trim().Split('=', 2) switch { var p => (p[0], p[1]) };
            Assert.Equal("APP_PRODUCTION_ENV_FILE", name);
            Assert.StartsWith(temp, file);

            var environment = (YamlMappingNode)(await ComposeConfigAsync(new() { [name] = file }))["services"]["app"]["environment"];
            Assert.Equal("sk-live-4242 with spaces", environment["PAYMENT_API_KEY"].ToString());
            Assert.Equal("p@ss", environment["DB_PASSWORD"].ToString());
            Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"].ToString());
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    static YamlMappingNode BuildStep(string workflow, string job) =>
        Step(workflow, job, s => s.Children.ContainsKey("run") && s.Children["name"].ToString().StartsWith("Run: ", StringComparison.Ordinal));

    static YamlMappingNode Step(string workflow, string job, Func<YamlMappingNode, bool> which)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(BuildScript.Root, ".github", "workflows", workflow + ".yml"))));
        var steps = (YamlSequenceNode)yaml.Documents[0].RootNode["jobs"][job]["steps"];
        var step = steps.Cast<YamlMappingNode>().Single(which);
        Assert.Equal("bash", step["shell"].ToString());
        return step;
    }

    /// <summary>The build step's command with <c>--plan</c> added: what the job would run, without running it.</summary>
    static Task<BuildRun> PlanAsync(YamlMappingNode step)
    {
        var command = step["run"].ToString().TrimEnd('\n').Split('\n').Last();
        Assert.StartsWith("./build.sh ", command);
        var start = new ProcessStartInfo(Path.Combine(BuildScript.Root, "build.sh")) { WorkingDirectory = BuildScript.Root };
        foreach (var arg in command.Split(' ').Skip(1).Append("--plan").Append("--no-logo"))
            start.ArgumentList.Add(arg);
        start.Environment["CI"] = "true";
        foreach (var name in new[] { "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_ACTIONS", "BUILD_FORCE", "LOG_FORMAT" })
            start.Environment.Remove(name);
        return BuildScript.RunProcessAsync(start, TimeSpan.FromMinutes(10));
    }

    static async Task<BuildRun> RunStepAsync(YamlMappingNode step, Dictionary<string, string> values, Dictionary<string, string>? runner = null)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = BuildScript.Root };
        foreach (var arg in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"].ToString() })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in ((YamlMappingNode)step["env"]).Children)
            start.Environment[name.ToString()] = Regex.Replace(value.ToString(), @"\$\{\{ (\S+) \}\}", m => values.GetValueOrDefault(m.Groups[1].Value, ""));
        foreach (var (name, value) in runner ?? [])
            start.Environment[name] = value;
        start.Environment["CI"] = "true";
        // No token and no repository: the build must not reach GitHub's API from a test (GitHub always passes a token).
        foreach (var name in new[] { "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_ACTIONS", "BUILD_FORCE" })
            start.Environment.Remove(name);
        return await BuildScript.RunProcessAsync(start, TimeSpan.FromMinutes(10));
    }

    /// <summary>What Compose makes of production's files with <paramref name="environment"/>: <c>docker compose config</c>, which starts nothing.</summary>
    static async Task<YamlNode> ComposeConfigAsync(Dictionary<string, string> environment)
    {
        var compose = await ComposeTool.DetectAsync() ?? throw new InvalidOperationException("No Compose tool: run ./build.sh Setup.");
        var start = new ProcessStartInfo(compose.FileName) { WorkingDirectory = Path.Combine(BuildScript.Root, "deploy") };
        foreach (var arg in compose.Arguments("--project-name", "workflow-env-file-check", "-f", "compose.yaml", "-f", "compose.production.yaml", "config"))
            start.ArgumentList.Add(arg);
        start.Environment["APP_IMAGE"] = "example.invalid/app@sha256:" + new string('0', 64);
        start.Environment["APP_PORT"] = "18080";
        start.Environment["APP_DATA_VOLUME"] = "workflow-env-file-check_data";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await output));
        return yaml.Documents[0].RootNode;
    }
}
