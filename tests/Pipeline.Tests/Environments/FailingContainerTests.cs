using System.Diagnostics;
using Pipeline.Environments;
using Pipeline.Health;
using Pipeline.Model;
using Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Tests.Environments;

/// <summary>Busybox stand-ins deployed through the real compose files: one whose HEALTHCHECK always fails, one that exits at once.</summary>
public sealed class FailingContainerTests(ITestOutputHelper output)
{
    const string Logs = """for i in $(seq 1 40); do echo log-line-$(printf %03d $i); done""";

    [Fact]
    public async Task An_unhealthy_container_fails_the_wait_fast_with_its_last_30_log_lines()
    {
        await using var image = await BusyboxImage.BuildAsync(
            $"HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD [\"false\"]\nCMD [\"/bin/sh\", \"-c\", \"trap 'exit 0' TERM; {Logs}; httpd -f -p 8080 -h / & wait\"]");
        await using var test = await TestEnvironment.CreateAsync();
        await test.DeployAsync(Release.Of("9.9.9", "feedface", Service.DefaultName, image.Tag));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<EnvironmentException>(() => test.Environment.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None));
        output.WriteLine($"failed after {clock.Elapsed.TotalSeconds:0.0} s:\n{error.Message}");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("is unhealthy", error.Message);
        Assert.Contains("service app", error.Message);
        Assert.Contains("Last 30 log line(s)", error.Message);
        Assert.Contains("log-line-040", error.Message);
        Assert.Contains("log-line-011", error.Message);
        Assert.DoesNotContain("log-line-010", error.Message);

        var status = Assert.Single((await test.Environment.StatusAsync(CancellationToken.None)).Containers);
        Assert.Equal(("9.9.9", "feedface", null), (status.Version, status.Revision, status.Digest));
        Assert.Equal(image.Tag, await test.Environment.CurrentImageAsync(CancellationToken.None));

        using var http = new HttpClient();
        var report = await new HealthChecker(image.Client, http, test.Logger).CheckAsync(
            test.Settings, new HealthOptions { Retries = 2, Interval = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
        var row = Assert.Single(report.Rows);
        Assert.False(report.Healthy);
        Assert.Equal("Docker health is unhealthy", row.Problem);

        await test.Environment.DownAsync(removeVolumes: false, CancellationToken.None);
        Assert.Equal([$"volume {test.Settings.ProjectName}_data"], await test.LeftoversAsync());
        await test.Environment.DownAsync(removeVolumes: true, CancellationToken.None);
        Assert.Empty(await test.LeftoversAsync());
    }

    [Fact]
    public async Task A_container_that_exits_fails_the_wait_fast_with_its_log()
    {
        await using var image = await BusyboxImage.BuildAsync("CMD [\"/bin/sh\", \"-c\", \"echo cannot-open-database; exit 3\"]");
        await using var test = await TestEnvironment.CreateAsync();
        await test.DeployAsync(Release.Of("9.9.9", "feedface", Service.DefaultName, image.Tag));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<EnvironmentException>(() => test.Environment.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None));
        output.WriteLine($"failed after {clock.Elapsed.TotalSeconds:0.0} s:\n{error.Message}");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Matches("exited with code 3|keeps exiting|exited and restarted", error.Message);
        Assert.Contains("cannot-open-database", error.Message);
    }
}
