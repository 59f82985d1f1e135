using Pipeline.Versioning;

namespace Pipeline.Tests.Versioning;

public sealed class SemanticVersionTests
{
    [Fact]
    public void Orders_by_semver_precedence()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1-alpha.0.1", "1.0.1", "1.10.0", "2.0.0"];
        var versions = ordered.Select(v => SemanticVersion.FromTag(v)!).ToList();

        Assert.Equal(ordered, versions.OrderBy(v => v).Select(v => v.ToString()).ToArray());
        Assert.Equal(0, SemanticVersion.FromTag("1.0.0+a")!.CompareTo(SemanticVersion.FromTag("v1.0.0+b")));
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+")]
    [InlineData("vv1.2.3")]
    [InlineData("release-1.2.3")]
    public void Rejects_what_is_not_semver(string tag) => Assert.Null(SemanticVersion.FromTag(tag));
}
