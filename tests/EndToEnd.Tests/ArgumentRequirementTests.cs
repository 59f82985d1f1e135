namespace EndToEnd.Tests;

/// <summary>Arguments a target cannot work with stop the build before anything runs, with exit code 2 and what to pass instead.</summary>
public sealed class ArgumentRequirementTests
{
    [Fact]
    public async Task A_registry_user_without_a_password_is_refused_before_anything_runs()
    {
        var run = await BuildScript.RunAsync("PushImages", "--registry-username", "ci", "--skip", "--no-logo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Nothing was run", run.Output);
        Assert.Contains("--registry-password", run.Output);
    }

    [Fact]
    public async Task Waiving_a_validation_rule_that_cannot_be_waived_is_refused_before_anything_runs()
    {
        var run = await BuildScript.RunAsync("ValidateProduction", "--validation-waive", "non-root", "--skip", "--no-logo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Nothing was run", run.Output);
        Assert.Contains("json-logs, forbidden-files, no-volumes, version-endpoint", run.Output);
    }
}
