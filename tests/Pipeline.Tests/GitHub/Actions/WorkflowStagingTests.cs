using System.Diagnostics;
using Pipeline.GitHub.Actions;
using Pipeline.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

public sealed class WorkflowStagingTests
{
    static GitHubActionsAttribute Promote() => new("promote")
    {
        OnWorkflowDispatch = true,
        StagingTargets = ["PushImages", "DeployStaging", "WorkflowTests"],
        StagingEnvironmentUrl = "${{ vars.STAGING_URL }}",
        StagingSecretEnvFiles = ["APP_STAGING_ENV_FILE"],
        InvokedTargets = ["PromoteToProduction"],
        SecretEnvFiles = ["APP_PRODUCTION_ENV_FILE"],
        EnvironmentName = "production",
        ImportSecrets = ["RegistryPassword"],
        PublishArtifacts = true,
        ArtifactRetentionDays = 30,
    };

    [Fact]
    public void Production_needs_a_staging_job_in_its_own_environment_and_skips_what_staging_ran()
    {
        var yaml = Parse(Generate(Promote()));

        Assert.Equal(["staging", "promote"], ((YamlMappingNode)yaml.At("jobs")).Children.Keys.Select(k => k.ToString()));
        var staging = yaml.At("jobs", "staging");
        Assert.Equal("staging", staging.Text("environment", "name"));
        Assert.Equal("${{ vars.STAGING_URL }}", staging.Text("environment", "url"));
        Assert.False(staging.Has("needs"));
        Assert.EndsWith("./build.sh PushImages DeployStaging WorkflowTests\n", yaml.BuildStep("staging").Text("run"));

        var production = yaml.At("jobs", "promote");
        Assert.Equal(["staging"], ((YamlSequenceNode)production.At("needs")).Select(n => n.ToString()));
        Assert.Equal("production", production.Text("environment", "name"));
        Assert.EndsWith("./build.sh PromoteToProduction --skip Setup BuildImages PushImages DeployStaging WorkflowTests\n", yaml.BuildStep("promote").Text("run"));
    }

    [Fact]
    public void What_staging_produced_reaches_production_where_it_was_and_every_artifact_has_a_retention()
    {
        var yaml = Parse(Generate(Promote()));

        var upload = yaml.Steps("staging").Last();
        Assert.Equal(ActionPins.UploadArtifact.Reference, upload.Text("uses"));
        Assert.Equal("promote-staging", upload.Text("with", "name"));
        Assert.Equal("artifacts/release.json\nartifacts/workflow-tests-*.json\n", upload.Text("with", "path"));
        Assert.Equal("30", upload.Text("with", "retention-days"));

        var production = yaml.Steps("promote");
        var download = production.Single(s => s.Has("uses") && s.Text("uses") == ActionPins.DownloadArtifact.Reference);
        Assert.Equal("promote-staging", download.Text("with", "name"));
        Assert.Equal("artifacts", download.Text("with", "path"));
        Assert.True(production.IndexOf(download) < production.IndexOf(yaml.BuildStep("promote")));
        Assert.Equal("30", production.Last().Text("with", "retention-days"));
        Assert.Equal("promote", production.Last().Text("with", "name"));
    }

    [Fact]
    public void Each_job_writes_its_own_environment_s_secret_env_file_before_the_build()
    {
        var yaml = Parse(Generate(Promote()));

        var staging = EnvFileStep(yaml, "staging");
        var production = EnvFileStep(yaml, "promote");

        Assert.Equal("${{ secrets.APP_STAGING_ENV }}", staging.Text("env", "APP_STAGING_ENV"));
        Assert.Contains("APP_STAGING_ENV_FILE=", staging.Text("run"));
        Assert.Equal("${{ secrets.APP_PRODUCTION_ENV }}", production.Text("env", "APP_PRODUCTION_ENV"));
        Assert.Contains("APP_PRODUCTION_ENV_FILE=", production.Text("run"));
        Assert.DoesNotContain("APP_STAGING", Generate(Promote()).Split("\n  promote:")[1]);
        Assert.DoesNotContain("APP_PRODUCTION_ENV", yaml.BuildStep("promote").Text("run"));
    }

    [Fact]
    public async Task The_env_file_step_writes_the_secret_to_a_private_file_and_passes_only_its_path()
    {
        var dir = TestMachine.TempDirectory("env-file-step");
        try
        {
            var step = EnvFileStep(Parse(Generate(Promote())), "promote");
            var secret = "DB_PASSWORD=pa ss'word\"$HOME\nAPI_KEY=k3y-value";
            var githubEnv = Path.Combine(dir, "github-env");

            var (code, output) = await RunAsync(step.Text("run"), dir, githubEnv, ("APP_PRODUCTION_ENV", secret));

            Assert.True(code == 0, output);
            Assert.DoesNotContain("pa ss", output);
            Assert.DoesNotContain("k3y-value", output);
            var file = Path.Combine(dir, "app_production_env.env");
            Assert.Equal(secret + "\n", File.ReadAllText(file));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal($"APP_PRODUCTION_ENV_FILE={file}\n", File.ReadAllText(githubEnv));
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task Without_the_secret_the_env_file_step_leaves_the_variable_unset_and_says_so()
    {
        var dir = TestMachine.TempDirectory("env-file-step");
        try
        {
            var githubEnv = Path.Combine(dir, "github-env");

            var (code, output) = await RunAsync(EnvFileStep(Parse(Generate(Promote())), "promote").Text("run"), dir, githubEnv, ("APP_PRODUCTION_ENV", ""));

            Assert.True(code == 0, output);
            Assert.Contains("The secret APP_PRODUCTION_ENV is not set", output);
            Assert.False(File.Exists(githubEnv));
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    static YamlMappingNode EnvFileStep(YamlNode workflow, string job) =>
        workflow.Steps(job).Single(s => s.Has("run") && s.Text("name").StartsWith("Write the secret", StringComparison.Ordinal));

    /// <summary>The script as GitHub runs a bash step: bash -e, with RUNNER_TEMP and GITHUB_ENV.</summary>
    static async Task<(int Code, string Output)> RunAsync(string script, string runnerTemp, string githubEnv, params (string Name, string Value)[] env)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", script })
            start.ArgumentList.Add(arg);
        start.Environment["RUNNER_TEMP"] = runnerTemp;
        start.Environment["GITHUB_ENV"] = githubEnv;
        foreach (var (name, value) in env)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
