using Pipeline.GitHub.Actions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

public sealed class WorkflowGeneratorTests
{
    [Fact]
    public void Push_pull_request_and_schedule_triggers_are_written_under_on()
    {
        var yaml = Parse(Generate(new GitHubActionsAttribute("ci")
        {
            OnPushBranches = ["main", "release/*"],
            OnPushTags = ["v*"],
            OnPullRequestBranches = ["main"],
            OnCronSchedule = "0 3 * * 1",
            InvokedTargets = ["Test"],
        }));

        Assert.Equal("ci", yaml.Text("name"));
        Assert.Equal(["main", "release/*"], ((YamlSequenceNode)yaml.At("on", "push", "branches")).Select(n => n.ToString()));
        Assert.Equal("v*", yaml.Text("on", "push", "tags", "0"));
        Assert.Equal("main", yaml.Text("on", "pull_request", "branches", "0"));
        Assert.Equal("0 3 * * 1", yaml.Text("on", "schedule", "0", "cron"));
        Assert.False(yaml.At("on").Has("workflow_dispatch"));
    }

    [Fact]
    public void Dispatch_inputs_take_type_and_description_from_the_parameter_and_reach_the_build_as_environment_variables()
    {
        var yaml = Parse(Generate(new GitHubActionsAttribute("rollback")
        {
            OnWorkflowDispatchRequiredInputs = ["Environment"],
            OnWorkflowDispatchOptionalInputs = ["Tag", "Emergency", "Reason"],
            InvokedTargets = ["Rollback"],
        }));

        var inputs = (YamlMappingNode)yaml.At("on", "workflow_dispatch", "inputs");
        Assert.Equal(["environment", "tag", "emergency", "reason"], inputs.Children.Keys.Select(k => k.ToString()));
        Assert.Equal("choice", inputs.Text("environment", "type"));
        Assert.Equal("true", inputs.Text("environment", "required"));
        Assert.Equal(["staging", "production"], ((YamlSequenceNode)inputs.At("environment", "options")).Select(n => n.ToString()));
        Assert.Equal("string", inputs.Text("tag", "type"));
        Assert.Equal("Rollback point to restore", inputs.Text("tag", "description"));
        Assert.Equal("boolean", inputs.Text("emergency", "type"));
        Assert.Equal("false", inputs.Text("emergency", "default"));
        Assert.Equal("Why: 'yes' or \"no\" # not a comment", inputs.Text("reason", "description"));

        var step = yaml.BuildStep("rollback");
        Assert.Equal("${{ inputs.tag }}", step.Text("env", "Tag"));
        Assert.Equal("${{ inputs.emergency }}", step.Text("env", "Emergency"));
        Assert.Equal("${{ inputs.environment }}", step.Text("env", "Environment"));
        Assert.DoesNotContain("inputs.", step.Text("run"));
        Assert.EndsWith("./build.sh Rollback\n", step.Text("run"));
    }

    [Fact]
    public void Imported_secrets_use_screaming_snake_names_and_empty_values_are_unset_before_the_build_runs()
    {
        var yaml = Parse(Generate(new GitHubActionsAttribute("promote")
        {
            OnWorkflowDispatch = true,
            InvokedTargets = ["BuildImages", "PromoteToProduction"],
            ImportSecrets = ["RegistryPassword"],
            EnvironmentSecrets = ["DOCKER_HOST"],
            EnableGitHubToken = true,
        }));

        var step = yaml.BuildStep("promote");
        Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", step.Text("env", "RegistryPassword"));
        Assert.Equal("${{ secrets.DOCKER_HOST }}", step.Text("env", "DOCKER_HOST"));
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", step.Text("env", "GITHUB_TOKEN"));
        Assert.Equal("bash", step.Text("shell"));
        Assert.Contains("for name in RegistryPassword DOCKER_HOST; do", step.Text("run"));
        Assert.EndsWith("./build.sh BuildImages PromoteToProduction\n", step.Text("run"));
        Assert.Equal("Run: BuildImages, PromoteToProduction", step.Text("name"));
    }

    [Fact]
    public void Permissions_are_least_privilege_with_contents_read_at_least()
    {
        var plain = Parse(Generate(new GitHubActionsAttribute("ci") { OnPushBranches = ["main"], InvokedTargets = ["Test"] }));
        var deploy = Parse(Generate(new GitHubActionsAttribute("promote")
        {
            OnPushTags = ["v*"],
            InvokedTargets = ["PromoteToProduction"],
            WritePermissions = [GitHubActionsPermission.Deployments, GitHubActionsPermission.Contents],
            ReadPermissions = [GitHubActionsPermission.PullRequests, GitHubActionsPermission.IdToken],
        }));

        Assert.Equal(["contents: read"], ((YamlMappingNode)plain.At("permissions")).Select(p => $"{p.Key}: {p.Value}"));
        Assert.Equal(["contents: write", "deployments: write", "id-token: read", "pull-requests: read"], ((YamlMappingNode)deploy.At("permissions")).Select(p => $"{p.Key}: {p.Value}"));
    }

    [Fact]
    public void Concurrency_timeout_environment_runner_and_artifacts_are_written_on_the_job()
    {
        var yaml = Parse(Generate(new GitHubActionsAttribute("promote")
        {
            OnWorkflowDispatch = true,
            InvokedTargets = ["PromoteToProduction"],
            ConcurrencyGroup = "promote-production",
            TimeoutMinutes = 45,
            EnvironmentName = "production",
            EnvironmentUrl = "${{ vars.PRODUCTION_URL }}",
            RunsOn = ["self-hosted", "linux"],
            PublishArtifacts = true,
            CleanCheckout = false,
            CacheNuGet = true,
        }));

        Assert.Equal("promote-production", yaml.Text("concurrency", "group"));
        Assert.Equal("false", yaml.Text("concurrency", "cancel-in-progress"));
        var job = yaml.At("jobs", "promote");
        Assert.Equal("45", job.Text("timeout-minutes"));
        Assert.Equal("production", job.Text("environment", "name"));
        Assert.Equal("${{ vars.PRODUCTION_URL }}", job.Text("environment", "url"));
        Assert.Equal(["self-hosted", "linux"], ((YamlSequenceNode)job.At("runs-on")).Select(n => n.ToString()));
        var steps = ((YamlSequenceNode)job.At("steps")).Cast<YamlMappingNode>().ToList();
        Assert.Equal([ActionPins.Checkout.Reference, ActionPins.SetupDotnet.Reference, ActionPins.Cache.Reference, null, ActionPins.UploadArtifact.Reference], steps.Select(s => s.Has("uses") ? s.Text("uses") : null));
        Assert.Equal("0", steps[0].Text("with", "fetch-depth"));
        Assert.Equal("false", steps[0].Text("with", "clean"));
        Assert.Equal("global.json", steps[1].Text("with", "global-json-file"));
        Assert.Equal("~/.nuget/packages", steps[2].Text("with", "path"));
        Assert.Contains("hashFiles('**/*.csproj', 'Directory.Packages.props', 'global.json')", steps[2].Text("with", "key"));
        Assert.Equal("always()", steps[4].Text("if"));
        Assert.Equal("artifacts/release.json\nartifacts/workflow-tests-*.json\n", steps[4].Text("with", "path"));
    }

    [Fact]
    public void Header_says_the_file_is_generated_and_how_to_regenerate_it_and_output_is_byte_stable()
    {
        var attribute = new GitHubActionsAttribute("ci") { OnPushBranches = ["main"], InvokedTargets = ["Test"], ImportSecrets = ["RegistryPassword"] };

        var first = Generate(attribute);
        var second = Generate(attribute);

        Assert.Equal(first, second);
        var lines = first.Split('\n');
        Assert.Equal("# Generated from build/Build.CI.cs ([GitHubActions(\"ci\")]) by the build: do not edit by hand.", lines[0]);
        Assert.StartsWith("# To regenerate: run ./build.sh locally", lines[1]);
        Assert.Equal("name: ci", lines[2]);
        Assert.Contains("\non:\n", first);
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("\n", first);
        Assert.DoesNotContain("\n...", first);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), first);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("on")]
    [InlineData("1.0")]
    [InlineData("null")]
    [InlineData("")]
    public void Strings_yaml_would_read_as_something_else_are_quoted(string branch)
    {
        var text = Generate(new GitHubActionsAttribute("ci") { OnPushBranches = [branch], InvokedTargets = ["Test"] });

        Assert.Contains($"- '{branch}'", text);
        var node = (YamlScalarNode)Parse(text).At("on", "push", "branches", "0");
        Assert.Equal(ScalarStyle.SingleQuoted, node.Style);
        Assert.Equal(branch, node.Value);
    }
}
