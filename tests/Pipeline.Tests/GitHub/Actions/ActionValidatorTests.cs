using Pipeline.GitHub.Actions;
using Pipeline.Tests.Support;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

/// <summary>
/// The workflows against GitHub's schema, checked by @action-validator/cli (installed by ./build.sh SetupTestTools,
/// which the Test target runs first). A missing validator fails these tests with that fix; they never skip.
/// </summary>
public sealed class ActionValidatorTests
{
    static readonly ActionValidator Validator = new(ActionValidator.DefaultDirectory(TestMachine.RepositoryRoot));

    [Fact]
    public async Task Every_checked_in_workflow_passes_the_validator()
    {
        var files = Directory.GetFiles(Path.Combine(TestMachine.RepositoryRoot, ".github", "workflows"), "*.yml").Order().ToList();

        Assert.Subset(files.Select(f => Path.GetFileName(f)!).ToHashSet(), new HashSet<string> { "ci.yml", "promote.yml", "rollback.yml" });
        foreach (var file in files)
        {
            var result = await Validator.ValidateAsync(file, CancellationToken.None);
            Assert.True(result.Valid, $"{file} fails the validator:\n{result.Output}");
        }
    }

    [Fact]
    public async Task A_broken_workflow_fails_the_validator_naming_the_problem()
    {
        var dir = TestMachine.TempDirectory("broken-workflow");
        try
        {
            var file = Path.Combine(dir, "broken.yml");
            var valid = Generate(new GitHubActionsAttribute("ci") { OnPushBranches = ["main"], InvokedTargets = ["Test"] });
            File.WriteAllText(file, valid.Replace("runs-on:", "runs_on:", StringComparison.Ordinal));

            var result = await Validator.ValidateAsync(file, CancellationToken.None);

            Assert.False(result.Valid, result.Output);
            Assert.Contains("runs_on", result.Output);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task A_workflow_using_every_feature_of_the_attribute_passes_the_validator()
    {
        var dir = TestMachine.TempDirectory("all-features");
        try
        {
            var file = Path.Combine(dir, "everything.yml");
            File.WriteAllText(file, Generate(new GitHubActionsAttribute("everything")
            {
                OnPushBranches = ["main", "true"],
                OnPushTags = ["v*"],
                OnPullRequestBranches = ["main"],
                OnWorkflowDispatchRequiredInputs = ["Environment"],
                OnWorkflowDispatchOptionalInputs = ["Tag", "Emergency", "Reason"],
                OnCronSchedule = "30 2 * * 1-5",
                InvokedTargets = ["BuildImages", "PromoteToProduction"],
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
                CacheNuGet = true,
                RunsOn = ["self-hosted", "linux"],
                CleanCheckout = false,
            }));

            var result = await Validator.ValidateAsync(file, CancellationToken.None);

            Assert.True(result.Valid, result.Output);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public async Task A_missing_validator_fails_with_the_command_that_installs_it()
    {
        var dir = TestMachine.TempDirectory("no-validator");
        try
        {
            var missing = new ActionValidator(dir);

            Assert.False(missing.IsInstalled);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => missing.ValidateAsync(Path.Combine(dir, "ci.yml"), CancellationToken.None));
            Assert.Contains("./build.sh SetupTestTools", error.Message);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }
}
