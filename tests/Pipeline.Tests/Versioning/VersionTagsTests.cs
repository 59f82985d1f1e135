using Pipeline.Versioning;

namespace Pipeline.Tests.Versioning;

public sealed class VersionTagsTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3", "1.2.3-abc1234")]
    [InlineData("1.2.4-alpha.0.2", "1.2.4-alpha.0.2", "1.2.4-alpha.0.2-abc1234")]
    [InlineData("1.2.3+build.7", "1.2.3-build.7", "1.2.3-build.7-abc1234")]
    [InlineData("0.0.0-alpha.0", "0.0.0-alpha.0", "0.0.0-alpha.0-abc1234")]
    public void Tags_are_the_version_and_the_version_with_the_short_sha(string version, string first, string second)
    {
        var tags = VersionTags.ImageTags(new BuildVersion(version, "abc1234" + new string('0', 33), "abc1234"));

        Assert.Equal([first, second], tags);
        Assert.All(tags, t => Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", t));
        Assert.DoesNotContain("latest", tags);
        Assert.All(tags, t => Assert.DoesNotContain('+', t));
    }

    [Fact]
    public async Task Tags_from_a_real_repository_are_valid_docker_tags()
    {
        using var repository = new GitRepository();
        repository.Commit();
        repository.Tag("v3.1.0-rc.2+meta.data");

        var version = await BuildVersion.FromGitAsync(repository.Directory, CancellationToken.None);
        var tags = VersionTags.ImageTags(version);

        Assert.Equal(["3.1.0-rc.2-meta.data", $"3.1.0-rc.2-meta.data-{version.ShortCommit}"], tags);
        foreach (var tag in tags)
            Pipeline.Images.ImageReference.Parse($"localhost:5000/app:{tag}");
    }

    [Theory]
    [InlineData("-x", "_x")]
    [InlineData("a b/c", "a-b-c")]
    public void Sanitize_makes_a_valid_tag(string text, string expected) => Assert.Equal(expected, VersionTags.Sanitize(text));
}
