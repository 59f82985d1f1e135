using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class AreaLogBuild : TestBuild
{
    [Parameter("A secret"), Secret] readonly string? Token = null;

    Target Deploy => _ => _.Executes(() =>
    {
        using var log = AreaLog("staging", "deploy");
        log.Information("Deploying with token {Token}", Token);
    });
}

public sealed class AreaLogTests
{
    [Fact]
    public void An_area_log_gets_its_own_file_and_the_run_log_too_with_secrets_masked()
    {
        using var root = new TempRoot();

        var result = root.Run<AreaLogBuild>("Deploy", "--token", "s3cr3t-value");

        Assert.Equal(0, result.ExitCode);
        var area = Assert.Single(Directory.GetFiles(root.Combine("logs", "staging"), "deploy-*.log"));
        var text = File.ReadAllText(area);
        Assert.Contains("Deploying with token", text);
        Assert.Contains("***", text);
        Assert.DoesNotContain("s3cr3t-value", text);
        Assert.Contains("Deploying with token", result.Output);
        Assert.DoesNotContain("s3cr3t-value", result.Output);
        Assert.DoesNotContain("s3cr3t-value", File.ReadAllText(Assert.Single(Directory.GetFiles(root.Combine("logs", "build")))));
    }
}
