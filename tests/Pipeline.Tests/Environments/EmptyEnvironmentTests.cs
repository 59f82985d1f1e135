using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.Health;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Environments;

public sealed class EmptyEnvironmentTests
{
    [Theory]
    [InlineData("staging", "DeployStaging")]
    [InlineData("production", "PromoteToProduction")]
    public async Task An_empty_project_is_reported_as_nothing_deployed(string name, string target)
    {
        await using var test = await TestEnvironment.CreateAsync(name);
        var status = await test.Environment.StatusAsync(CancellationToken.None);
        Assert.True(status.IsEmpty);
        var text = new StringWriter();
        status.Write(text);
        Assert.Contains($"Nothing is deployed in {name}", text.ToString());
        Assert.Null(await test.Environment.CurrentImageAsync(CancellationToken.None));

        using var client = await Engine.ConnectAsync(CancellationToken.None);
        using var http = new HttpClient();
        var report = await new HealthChecker(client, http, test.Logger).CheckAsync(test.Settings, new HealthOptions(), CancellationToken.None);
        Assert.False(report.Healthy);
        Assert.Empty(report.Rows);
        Assert.Equal($"nothing is deployed in {name}: run ./build.sh {target}", report.Message);

        var wait = await Assert.ThrowsAsync<EnvironmentException>(() => test.Environment.WaitHealthyAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Contains($"nothing is deployed in {name}", wait.Message);

        await test.Environment.DownAsync(removeVolumes: false, CancellationToken.None);
        Assert.Empty(await test.LeftoversAsync());
    }
}
