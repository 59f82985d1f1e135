using Pipeline.GitHub.Deployments;

namespace Pipeline.Tests.GitHub.Deployments;

public sealed class GitHubSettingsTests
{
    static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void The_repository_parameter_wins_over_origin()
    {
        var settings = GitHubSettings.From("t", "octo-org/app", null, "git@github.com:other/repo.git", NoEnvironment);

        Assert.Equal("octo-org/app", settings.Repository?.ToString());
        Assert.Equal(new Uri("https://api.github.com/"), settings.ApiUrl);
    }

    [Fact]
    public void Without_a_repository_parameter_origin_names_it()
    {
        var settings = GitHubSettings.From("t", null, null, "https://github.com/octo-org/app.git", NoEnvironment);

        Assert.Equal("octo-org/app", settings.Repository?.ToString());
    }

    [Fact]
    public void A_local_origin_and_no_parameter_leave_no_repository() =>
        Assert.Null(GitHubSettings.From("t", "", null, "/tmp/origin.git", NoEnvironment).Repository);

    [Fact]
    public void An_empty_token_is_no_token() => Assert.Null(GitHubSettings.From("  ", "o/n", null, null, NoEnvironment).Token);

    [Theory]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    public void The_api_url_is_used_as_given_with_a_trailing_slash(string given, string expected) =>
        Assert.Equal(new Uri(expected), GitHubSettings.From("t", "o/n", given, null, NoEnvironment).ApiUrl);

    [Fact]
    public void A_malformed_repository_says_the_expected_form()
    {
        var problem = GitHubSettings.Problem("just-a-name", null);

        Assert.NotNull(problem);
        Assert.Contains("--github-repository 'just-a-name'", problem);
        Assert.Contains("owner/name", problem);
    }

    [Theory]
    [InlineData("api.github.com")]
    [InlineData("ftp://ghe.example.com/api/v3")]
    [InlineData("not a url")]
    public void A_malformed_api_url_says_what_to_use(string url)
    {
        var problem = GitHubSettings.Problem("o/n", url);

        Assert.NotNull(problem);
        Assert.Contains("--github-api-url", problem);
        Assert.Contains("https://HOST/api/v3", problem);
    }

    [Fact]
    public void Valid_values_have_no_problem() => Assert.Null(GitHubSettings.Problem("o/n", "https://ghe.example.com/api/v3"));

    [Fact]
    public void The_log_url_is_the_actions_run_when_the_runner_says_so()
    {
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "octo-org/app", ["GITHUB_RUN_ID"] = "42",
        };

        Assert.Equal(new Uri("https://github.com/octo-org/app/actions/runs/42"), GitHubSettings.From("t", null, null, null, environment).LogUrl);
        Assert.Null(GitHubSettings.RunUrl(NoEnvironment));
    }

    [Fact]
    public async Task Origin_url_is_read_from_the_repository()
    {
        var folder = Directory.CreateTempSubdirectory("gh-origin-").FullName;
        try
        {
            await new Pipeline.Tools.ExternalTool("git").In(folder).RunCheckedAsync(["init", "--quiet"]);
            Assert.Null(await GitHubSettings.OriginUrlAsync(folder, CancellationToken.None));
            await new Pipeline.Tools.ExternalTool("git").In(folder).RunCheckedAsync(["remote", "add", "origin", "git@github.com:octo-org/app.git"]);
            Assert.Equal("git@github.com:octo-org/app.git", await GitHubSettings.OriginUrlAsync(folder, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
