namespace EndToEnd.Tests;

/// <summary>Arguments a target cannot work with stop the build before anything runs, with exit code 2 and what to pass instead.</summary>
public sealed class ArgumentRequirementTests
{
    [Theory]
    [InlineData("PushImages", "--registry-username", "ci", "--registry-password")]
    [InlineData("ValidateProduction", "--validation-waive", "non-root", "json-logs, forbidden-files, no-volumes, version-endpoint")]
    public async Task An_argument_the_target_cannot_work_with_is_refused_before_anything_runs(string target, string flag, string value, string remedy)
    {
        var run = await BuildScript.RunAsync(target, flag, value, "--skip", "--no-logo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Nothing was run", run.Output);
        Assert.Contains(remedy, run.Output);
    }
}
