using Pipeline.GitHub.Deployments;

namespace Pipeline.Tests.GitHub.Deployments;

public sealed class GitHubRepositoryNameTests
{
    [Theory]
    [InlineData("https://github.com/octo-org/app", "octo-org/app")]
    [InlineData("https://github.com/octo-org/app.git", "octo-org/app")]
    [InlineData("https://x-access-token@github.com/octo-org/app.git", "octo-org/app")]
    [InlineData("git@github.com:octo-org/app.git", "octo-org/app")]
    [InlineData("git@github.com:octo-org/my.app", "octo-org/my.app")]
    [InlineData("ssh://git@github.com/octo-org/app.git", "octo-org/app")]
    [InlineData("ssh://git@ghe.example.com:2222/team/service.git", "team/service")]
    [InlineData("https://ghe.example.com/team/service.git", "team/service")]
    [InlineData("git@ghe.example.com:team/service.git", "team/service")]
    public void Origin_urls_name_their_repository(string url, string expected) =>
        Assert.Equal(expected, GitHubRepositoryName.FromRemoteUrl(url)?.ToString());

    [Theory]
    [InlineData("/tmp/origin.git")]
    [InlineData("../origin")]
    [InlineData("file:///tmp/origin.git")]
    [InlineData("https://github.com/only-owner")]
    [InlineData("https://gitlab.example.com/group/sub/project.git")]
    [InlineData("")]
    [InlineData(null)]
    public void Local_paths_and_other_shapes_name_none(string? url) =>
        Assert.Null(GitHubRepositoryName.FromRemoteUrl(url));

    [Theory]
    [InlineData("octo-org/app", "octo-org", "app")]
    [InlineData(" octo-org/app.git ", "octo-org", "app")]
    public void Owner_slash_name_parses(string text, string owner, string name) =>
        Assert.Equal(new GitHubRepositoryName(owner, name), GitHubRepositoryName.Parse(text));

    [Theory]
    [InlineData("app")]
    [InlineData("octo-org/app/extra")]
    [InlineData("https://github.com/octo-org/app")]
    [InlineData("/app")]
    public void Other_text_is_not_a_repository(string text) => Assert.Null(GitHubRepositoryName.Parse(text));
}
