using Pipeline.Docker;
using Pipeline.Health;
using Pipeline.Tests.Environments;
using Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Tests.Health;

[Collection(StagingDeploymentCollection.Name)]
public sealed class HealthCheckerTests(StagingDeployment deployment, ITestOutputHelper output)
{
    [Fact]
    public async Task A_healthy_deployment_is_reported_healthy_with_latencies()
    {
        using var client = await Engine.ConnectAsync(CancellationToken.None);
        using var http = new HttpClient();
        var (logger, _) = InMemorySink.CreateLogger();

        var report = await new HealthChecker(client, http, logger).CheckAsync(deployment.Test.Settings, new HealthOptions(), CancellationToken.None);
        var text = new StringWriter();
        report.Write(text, verbose: true);
        output.WriteLine(text.ToString());

        Assert.True(report.Healthy, text.ToString());
        Assert.Equal(1, report.Attempts);
        var row = Assert.Single(report.Rows);
        Assert.Equal((200, 200), (row.Health.Status, row.Ready.Status));
        Assert.InRange(row.Health.LatencyMs, 0.001, 5000);
        Assert.InRange(row.Ready.LatencyMs, 0.001, 5000);
        Assert.Equal((row.Container.Addresses.Values.First(), 8080), (row.Address?.Host, row.Address?.Port));
        Assert.Equal("healthy", row.Container.Health);
        Assert.Equal(0, row.Container.RestartCount);
        Assert.Contains("/health 200 (", text.ToString());
        Assert.Contains(row.Container.Id, text.ToString());
        Assert.Contains($"org.app-pipeline.digest={deployment.Release.Digest(Pipeline.Model.Service.DefaultName)}", text.ToString());
        Assert.Contains("last probe", text.ToString());
        Assert.Contains("staging is healthy", text.ToString());
    }

    [Fact]
    public async Task The_short_report_leaves_out_the_details()
    {
        using var client = await Engine.ConnectAsync(CancellationToken.None);
        using var http = new HttpClient();
        var (logger, _) = InMemorySink.CreateLogger();

        var report = await new HealthChecker(client, http, logger).CheckAsync(deployment.Test.Settings, new HealthOptions { ReadyPath = "/no-such-path", Retries = 2, Interval = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
        var text = new StringWriter();
        report.Write(text, verbose: false);
        output.WriteLine(text.ToString());

        Assert.False(report.Healthy);
        Assert.Equal(2, report.Attempts);
        Assert.Equal(404, Assert.Single(report.Rows).Ready.Status);
        Assert.DoesNotContain("last probe", text.ToString());
        Assert.Contains("GET /no-such-path -> 404", text.ToString());
        Assert.Contains("staging is NOT healthy", text.ToString());
    }
}
