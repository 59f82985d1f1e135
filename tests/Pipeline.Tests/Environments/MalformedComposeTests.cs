using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Environments;

public sealed class MalformedComposeTests
{
    static readonly Release Release = Release.Of("1.2.3", "0123456789abcdef0123456789abcdef01234567", Service.DefaultName, $"localhost:5000/app@sha256:{new string('a', 64)}");

    [Theory]
    [InlineData("services:\n  app:\n    ports: [unclosed\n", "while parsing a flow")]
    [InlineData("services:\n  app:\n    bogus_key: 1\n", "bogus_key")]
    public async Task A_malformed_compose_file_fails_at_the_config_check_and_creates_nothing(string staging, string composeSays)
    {
        var deploy = CopyOfDeploy();
        try
        {
            File.WriteAllText(Path.Combine(deploy, "compose.staging.yaml"), staging);
            await using var test = await TestEnvironment.CreateAsync(deployDirectory: deploy);

            var error = await Assert.ThrowsAsync<EnvironmentException>(() => test.DeployAsync(Release));

            Assert.Contains("not valid, so nothing was changed", error.Message);
            Assert.Contains(composeSays, error.Message);
            Assert.Contains("compose.staging.yaml", error.Message);
            Assert.Empty(await test.LeftoversAsync());
        }
        finally
        {
            TestMachine.Delete(deploy);
        }
    }

    [Fact]
    public async Task A_missing_environment_file_is_named()
    {
        var deploy = CopyOfDeploy();
        try
        {
            File.Delete(Path.Combine(deploy, "compose.production.yaml"));
            await using var test = await TestEnvironment.CreateAsync("production", deploy);

            var error = await Assert.ThrowsAsync<EnvironmentException>(() => test.DeployAsync(Release));

            Assert.Contains("compose.production.yaml not found", error.Message);
            Assert.Empty(await test.LeftoversAsync());
        }
        finally
        {
            TestMachine.Delete(deploy);
        }
    }

    static string CopyOfDeploy()
    {
        var deploy = TestMachine.TempDirectory("deploy");
        foreach (var file in Directory.GetFiles(TestEnvironment.DeployDirectory, "compose*.yaml"))
            File.Copy(file, Path.Combine(deploy, Path.GetFileName(file)));
        return deploy;
    }
}
