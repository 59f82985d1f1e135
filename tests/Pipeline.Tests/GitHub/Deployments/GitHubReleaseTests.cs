using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Pipeline.Model;

namespace Pipeline.Tests.GitHub.Deployments;

public sealed class GitHubReleaseTests
{
    const string Image = "localhost:5000/app@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Theory]
    [InlineData("1.2.3", "v1.2.3", false)]
    [InlineData("1.2.3-rc.1", "v1.2.3-rc.1", true)]
    [InlineData("1.2.3+build.5", "v1.2.3+build.5", false)]
    [InlineData("0.0.0-alpha.0.30+abc-def", "v0.0.0-alpha.0.30+abc-def", true)]
    public void The_tag_is_v_and_the_version(string version, string tag, bool prerelease)
    {
        var release = new GitHubRelease(version, "abc", new Dictionary<string, string>(), null, null);

        Assert.Equal(tag, release.TagName);
        Assert.Equal(prerelease, release.Prerelease);
    }

    [Fact]
    public void A_first_promotion_says_there_is_no_rollback_tag()
    {
        var notes = new GitHubRelease("1.0.0", "abc", new Dictionary<string, string> { ["app"] = Image }, null, null).Notes();

        Assert.Contains("no rollback tag", notes);
        Assert.Contains($"`app`: `{Image}`", notes);
        Assert.DoesNotContain("Rollback --tag", notes);
    }

    [Fact]
    public void Later_promotions_name_the_tag_and_the_version_it_restores()
    {
        var notes = new GitHubRelease("1.1.0", "abc", new Dictionary<string, string> { ["app"] = Image }, "rollback-20261123-143000", "1.0.0").Notes();

        Assert.Contains("Rollback tag: `rollback-20261123-143000` (1.0.0)", notes);
        Assert.Contains("./build.sh Rollback --tag rollback-20261123-143000", notes);
    }

    [Fact]
    public void A_staging_request_is_no_production_environment()
    {
        var body = DeploymentRequest.For(DeployEnvironment.Staging, Release.Of("1.0.0", "abc123", "app", Image), new Uri("http://127.0.0.1:8081")).Body();

        Assert.Equal(false, body["production_environment"]);
        Assert.Equal("staging", body["environment"]);
        Assert.Equal("Deploy 1.0.0", body["description"]);
        Assert.False(((Dictionary<string, object?>)body["payload"]!).ContainsKey("rollback"));
    }
}
