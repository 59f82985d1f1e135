using App.Tests.Support;

namespace App.Tests;

[Collection(SharedServiceCollection.Name)]
public sealed class ProbeEndpointTests(SharedService service)
{
    AppProcess App => service.App;

    [Fact]
    public async Task Health_is_200_healthy()
    {
        var health = await App.GetJsonAsync("/health");

        Assert.Equal("healthy", (string?)health["status"]);
    }

    [Fact]
    public async Task Ready_is_200_with_database_and_workers()
    {
        var ready = await App.GetJsonAsync("/ready");

        Assert.Equal("ready", (string?)ready["status"]);
    }

    [Fact]
    public async Task Version_comes_from_the_environment_and_says_production_container_baked()
    {
        var version = await App.GetJsonAsync("/version");

        Assert.Equal(SharedService.Version, (string?)version["version"]);
        Assert.Equal(SharedService.Commit, (string?)version["commit"]);
        Assert.Equal("production", (string?)version["mode"]);
        Assert.Equal("container-baked", (string?)version["codeSource"]);
        Assert.False((bool)version["debuggingEnabled"]!);
    }

    [Fact]
    public async Task Healthcheck_mode_exits_0_against_the_running_app()
    {
        var (exitCode, output) = await AppBinary.RunAsync(new Dictionary<string, string> { ["PORT"] = App.Port.ToString() }, "--healthcheck");

        Assert.True(exitCode == 0, output);
        Assert.Contains("healthy", output);
    }
}
