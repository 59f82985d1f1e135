using Pipeline.GitHub.Deployments;
using Targets;

partial class Build
{
    [Parameter("Token for GitHub deployment records and releases (env GITHUB_TOKEN); without one nothing is recorded", Name = "GithubToken"), Secret] readonly string? GitHubToken;

    [Parameter("GitHub repository owner/name for deployment records (env GITHUB_REPOSITORY; default: origin's when it is on GitHub)", Name = "GithubRepository")] readonly string? GitHubRepository;

    [Parameter("GitHub's REST API: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise (env GITHUB_API_URL)", Name = "GithubApiUrl")] readonly string GitHubApiUrl = "https://api.github.com";

    const string GitHubRequirement = "a valid --github-repository (owner/name) and --github-api-url (https://api.github.com or https://HOST/api/v3)";

    bool GitHubParametersValid => GitHubSettings.Problem(GitHubRepository, GitHubApiUrl) is null;
}
