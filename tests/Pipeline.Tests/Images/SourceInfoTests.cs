using Pipeline.Images;
using Pipeline.Tests.Versioning;

namespace Pipeline.Tests.Images;

public sealed class SourceInfoTests
{
    [Theory]
    [InlineData("git@github.com:o/r.git", "https://github.com/o/r")]
    [InlineData("github.com:o/r", "https://github.com/o/r")]
    [InlineData("ssh://git@github.com/o/r.git", "https://github.com/o/r")]
    [InlineData("ssh://git@git.example.com:2222/group/sub/r.git", "https://git.example.com/group/sub/r")]
    [InlineData("git://git.example.com/r.git", "https://git.example.com/r")]
    [InlineData("https://github.com/o/r.git", "https://github.com/o/r")]
    [InlineData("https://user:token@github.com/o/r.git/", "https://github.com/o/r")]
    [InlineData("https://git.example.com:8443/o/r", "https://git.example.com:8443/o/r")]
    [InlineData("http://git.internal/o/r.git", "http://git.internal/o/r")]
    public void A_remote_becomes_its_web_address_without_credentials(string remote, string expected) =>
        Assert.Equal(expected, SourceInfo.WebAddress(remote));

    [Theory]
    [InlineData("/srv/git/r.git")]
    [InlineData("../r")]
    [InlineData("file:///srv/git/r.git")]
    [InlineData("C:\\repos\\r")]
    [InlineData("")]
    public void A_local_remote_has_no_web_address(string remote) => Assert.Null(SourceInfo.WebAddress(remote));

    [Fact]
    public async Task Origin_gives_the_address_and_no_origin_gives_none()
    {
        using var repository = new GitRepository();
        repository.Commit();

        var without = await SourceInfo.FromGitAsync(repository.Directory, CancellationToken.None);
        repository.Run("remote", "add", "origin", "git@github.com:o/r.git");
        var with = await SourceInfo.FromGitAsync(repository.Directory, CancellationToken.None);
        repository.Run("remote", "set-url", "origin", "/srv/git/r.git");
        var local = await SourceInfo.FromGitAsync(repository.Directory, CancellationToken.None);

        Assert.Null(without.SourceUrl);
        Assert.Equal("https://github.com/o/r", with.SourceUrl);
        Assert.Null(local.SourceUrl);
        Assert.True(DateTimeOffset.TryParse(with.CommitTime, out _), with.CommitTime);
    }
}
