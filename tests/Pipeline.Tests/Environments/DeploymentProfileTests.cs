using Pipeline.Environments;
using Pipeline.Model;

namespace Pipeline.Tests.Environments;

public sealed class DeploymentProfileTests
{
    [Theory]
    [InlineData(null, null, DeploymentProfile.Laptop)]
    [InlineData(null, "", DeploymentProfile.Laptop)]
    [InlineData(null, "unix:///var/run/docker.sock", DeploymentProfile.Laptop)]
    [InlineData(null, "npipe:////./pipe/docker_engine", DeploymentProfile.Laptop)]
    [InlineData(null, "ssh://deploy@prod.example.com", DeploymentProfile.Server)]
    [InlineData(null, "tcp://10.0.0.5:2376", DeploymentProfile.Server)]
    [InlineData(null, "SSH://deploy@prod", DeploymentProfile.Server)]
    [InlineData(DeploymentProfile.Laptop, "ssh://deploy@prod.example.com", DeploymentProfile.Laptop)]
    [InlineData(DeploymentProfile.Server, "unix:///var/run/docker.sock", DeploymentProfile.Server)]
    [InlineData(DeploymentProfile.Server, null, DeploymentProfile.Server)]
    public void An_explicit_profile_wins_else_a_remote_engine_means_server(DeploymentProfile? requested, string? dockerHost, DeploymentProfile expected) =>
        Assert.Equal(expected, EnvironmentCatalog.Defaults.Find("staging").ProfileFor(requested, dockerHost));

    [Fact]
    public void Only_the_laptop_profile_adds_the_laptop_file()
    {
        var laptop = new EnvironmentSettings(DeployEnvironment.Staging, "app-staging", 8081, DeploymentProfile.Laptop, "/srv/deploy");
        var server = laptop with { Profile = DeploymentProfile.Server };
        Assert.Equal(["/srv/deploy/compose.yaml", "/srv/deploy/compose.staging.yaml", "/srv/deploy/compose.laptop.yaml"], laptop.ComposeFiles);
        Assert.Equal(["/srv/deploy/compose.yaml", "/srv/deploy/compose.staging.yaml"], server.ComposeFiles);
        Assert.Equal("app-production", EnvironmentSettings.For(DeployEnvironment.Production, "localhost:5000/team/App", 8082, DeploymentProfile.Server, "deploy").ProjectName);
    }

    [Fact]
    public async Task The_resolved_config_has_laptop_limits_only_for_the_laptop_profile()
    {
        var release = Release.Of("1.2.3", "abc123", Service.DefaultName, $"localhost:5000/app@sha256:{new string('b', 64)}");
        await using var laptop = await TestEnvironment.CreateAsync("production", profile: DeploymentProfile.Laptop);
        await using var server = await TestEnvironment.CreateAsync("production", profile: DeploymentProfile.Server);

        var laptopConfig = await laptop.Environment.ConfigAsync(release, CancellationToken.None);
        var serverConfig = await server.Environment.ConfigAsync(release, CancellationToken.None);

        Assert.Contains("mem_limit", laptopConfig);
        Assert.Contains("Logging__LogLevel__Default: Debug", laptopConfig);
        Assert.DoesNotContain("mem_limit", serverConfig);
        Assert.DoesNotContain("Logging__LogLevel__Default", serverConfig);
        foreach (var config in new[] { laptopConfig, serverConfig })
        {
            Assert.DoesNotContain("ports:", config);
            Assert.Contains($"name: {(config == laptopConfig ? laptop : server).Settings.DataVolume}", config);
            Assert.Contains($"org.app-pipeline.digest: sha256:{new string('b', 64)}", config);
            Assert.Contains("org.app-pipeline.environment: production", config);
            Assert.Contains("ASPNETCORE_ENVIRONMENT: Production", config);
        }
    }
}
