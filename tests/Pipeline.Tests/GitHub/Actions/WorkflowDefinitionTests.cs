using Pipeline.GitHub.Actions;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

public sealed class WorkflowDefinitionTests
{
    static string Error(GitHubActionsAttribute attribute) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowFactory.Create(attribute, Build)).Message;

    static GitHubActionsAttribute Valid(string name = "ci") => new(name) { OnPushBranches = ["main"], InvokedTargets = ["Test"] };

    [Fact]
    public void An_unknown_target_is_named_with_the_nearest_one()
    {
        var attribute = Valid();
        attribute.InvokedTargets = ["Tset"];

        var message = Error(attribute);

        Assert.Contains("[GitHubActions(\"ci\")] in build/Build.CI.cs", message);
        Assert.Contains("InvokedTargets names 'Tset', which is not a target of the build. Did you mean 'Test'?", message);
    }

    [Fact]
    public void An_imported_secret_must_be_a_parameter_marked_secret()
    {
        var attribute = Valid();
        attribute.ImportSecrets = ["RegistryPasword", "RegistryUsername"];

        var message = Error(attribute);

        Assert.Contains("ImportSecrets names 'RegistryPasword', which is not a parameter of the build. Did you mean 'RegistryPassword'?", message);
        Assert.Contains("ImportSecrets names 'RegistryUsername', which is not marked [Secret]", message);
    }

    [Fact]
    public void An_input_must_be_a_parameter_and_never_a_secret()
    {
        var attribute = Valid();
        attribute.OnWorkflowDispatchOptionalInputs = ["Tagg", "RegistryPassword"];
        attribute.OnWorkflowDispatchRequiredInputs = ["RegistryPassword"];

        var message = Error(attribute);

        Assert.Contains("the input 'Tagg' is not a parameter of the build. Did you mean 'Tag'?", message);
        Assert.Contains("the input 'RegistryPassword' is a [Secret] parameter", message);
        Assert.Contains("'RegistryPassword' is passed to the build more than once", message);
    }

    [Fact]
    public void A_value_passed_to_the_build_twice_is_refused()
    {
        var attribute = Valid();
        attribute.ImportSecrets = ["RegistryPassword", "RegistryPassword"];
        attribute.OnWorkflowDispatchOptionalInputs = ["Tag"];
        attribute.EnvironmentSecrets = ["Tag"];

        var message = Error(attribute);

        Assert.Contains("'RegistryPassword' is passed to the build more than once", message);
        Assert.Contains("'Tag' is passed to the build more than once", message);
    }

    [Theory]
    [InlineData("CI")]
    [InlineData("my workflow")]
    [InlineData("../ci")]
    [InlineData("")]
    public void A_name_that_cannot_be_a_file_and_job_name_is_refused(string name)
    {
        Assert.Contains("must be lower case letters, digits and dashes", Error(new GitHubActionsAttribute(name) { OnPushBranches = ["main"], InvokedTargets = ["Test"] }));
    }

    [Fact]
    public void A_workflow_without_trigger_or_target_is_refused()
    {
        var message = Error(new GitHubActionsAttribute("ci"));

        Assert.Contains("nothing runs it", message);
        Assert.Contains("InvokedTargets is empty", message);
    }

    [Fact]
    public void Contradictions_are_refused_with_what_to_write_instead()
    {
        var attribute = Valid();
        attribute.OnCronSchedule = "0 3 * *";
        attribute.ReadPermissions = [GitHubActionsPermission.Contents];
        attribute.WritePermissions = [GitHubActionsPermission.Contents];
        attribute.ConcurrencyCancelInProgress = true;
        attribute.EnvironmentUrl = "https://example.test";
        attribute.TimeoutMinutes = -1;
        attribute.RunsOn = [];
        attribute.EnvironmentSecrets = ["GITHUB_TOKEN", "1X"];

        var message = Error(attribute);

        Assert.Contains("must have five fields", message);
        Assert.Contains("Contents is in both ReadPermissions and WritePermissions", message);
        Assert.Contains("ConcurrencyCancelInProgress needs a ConcurrencyGroup", message);
        Assert.Contains("EnvironmentUrl needs an EnvironmentName", message);
        Assert.Contains("TimeoutMinutes is -1", message);
        Assert.Contains("RunsOn needs at least one runner label", message);
        Assert.Contains("EnvironmentSecrets names 'GITHUB_TOKEN'", message);
        Assert.Contains("EnvironmentSecrets names '1X'", message);
    }

    [Fact]
    public void Published_artifacts_come_from_declared_outputs_inside_the_repository()
    {
        var outside = Build with { Products = new Dictionary<string, IReadOnlyList<string>> { ["Test"] = ["/etc/passwd", "../outside"] } };
        var attribute = Valid();
        attribute.PublishArtifacts = true;

        var message = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFactory.Create(attribute, outside)).Message;
        attribute.InvokedTargets = ["BuildImages"];
        var nothing = Error(attribute);

        Assert.Contains("A target produces '/etc/passwd'", message);
        Assert.Contains("A target produces '../outside'", message);
        Assert.Contains("none of the invoked targets declares an output", nothing);
    }

    [Fact]
    public void A_staging_job_that_cannot_work_is_refused_with_what_to_write_instead()
    {
        var attribute = new GitHubActionsAttribute("staging")
        {
            OnWorkflowDispatch = true,
            StagingTargets = ["DeploySatging", "PromoteToProduction"],
            InvokedTargets = ["PromoteToProduction"],
            StagingEnvironmentName = "production",
            EnvironmentName = "production",
        };

        var message = Error(attribute);

        Assert.Contains("StagingTargets names 'DeploySatging', which is not a target of the build. Did you mean 'DeployStaging'?", message);
        Assert.Contains("cannot be named 'staging'", message);
        Assert.Contains("StagingEnvironmentName and EnvironmentName are both 'production'", message);
        Assert.Contains("'PromoteToProduction' is in both StagingTargets and InvokedTargets", message);
    }

    [Fact]
    public void A_handover_of_one_plain_path_is_refused_because_its_root_depends_on_the_disk()
    {
        var attribute = new GitHubActionsAttribute("promote") { OnWorkflowDispatch = true, StagingTargets = ["PushImages"], InvokedTargets = ["PromoteToProduction"] };

        Assert.Contains("the staging targets hand over one path, 'artifacts/release.json'", Error(attribute));
    }

    [Fact]
    public void Secret_env_files_retention_and_staging_settings_are_checked()
    {
        var attribute = Valid();
        attribute.SecretEnvFiles = ["APP_PRODUCTION_ENV", "GITHUB_ENV_FILE", "_FILE", "Tag", "APP_ENV_FILE", "APP_ENV_FILE"];
        attribute.OnWorkflowDispatchOptionalInputs = ["Tag"];
        attribute.StagingSecretEnvFiles = ["APP_STAGING_ENV_FILE"];
        attribute.ArtifactRetentionDays = 91;

        var message = Error(attribute);

        Assert.Contains("SecretEnvFiles names 'APP_PRODUCTION_ENV'; name the variable Compose reads, ending in _FILE", message);
        Assert.Contains("SecretEnvFiles names 'GITHUB_ENV_FILE'", message);
        Assert.Contains("SecretEnvFiles names '_FILE'", message);
        Assert.Contains("'Tag' is both passed to the build and set by SecretEnvFiles", message);
        Assert.Contains("'APP_ENV_FILE' is named twice", message);
        Assert.Contains("StagingEnvironmentUrl and StagingSecretEnvFiles need StagingTargets", message);
        Assert.Contains("ArtifactRetentionDays is 91; GitHub keeps artifacts 1 to 90 days", message);

        attribute = Valid();
        attribute.ArtifactRetentionDays = 7;
        Assert.Contains("ArtifactRetentionDays is set, but the workflow uploads no artifact", Error(attribute));
    }

    [Fact]
    public void Two_workflows_of_one_name_are_refused()
    {
        var message = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFiles.Generate([Valid(), Valid()], Build)).Message;

        Assert.Contains("are named 'ci'", message);
    }
}
