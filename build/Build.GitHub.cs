using System.Collections;
using Pipeline.GitHub.Deployments;
using Targets;

partial class Build
{
    [Parameter("Token for GitHub deployment records and releases (env GITHUB_TOKEN); without one nothing is recorded", Name = "GithubToken"), Secret]
    readonly string? GitHubToken;

    [Parameter("GitHub repository owner/name for deployment records (env GITHUB_REPOSITORY; default: origin's when it is on GitHub)", Name = "GithubRepository")]
    readonly string? GitHubRepository;

    [Parameter("GitHub's REST API: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise (env GITHUB_API_URL)", Name = "GithubApiUrl")]
    readonly string GitHubApiUrl = "https://api.github.com";

    const string GitHubRequirement = "a valid --github-repository (owner/name) and --github-api-url (https://api.github.com or https://HOST/api/v3)";

    bool GitHubParametersValid => GitHubSettings.Problem(GitHubRepository, GitHubApiUrl) is null;

    DeploymentRecorder? gitHubRecorder;

    /// <summary>The run's GitHub recorder (made once, so "no token" is said once), writing to <paramref name="log"/>.</summary>
    async Task<DeploymentRecorder> GitHubRecordsAsync(Serilog.ILogger log, CancellationToken ct)
    {
        if (gitHubRecorder is null)
        {
            var origin = GitHubToken is { Length: > 0 } && string.IsNullOrWhiteSpace(GitHubRepository) ? await GitHubSettings.OriginUrlAsync(RollbackRepository, ct) : null;
            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);
            gitHubRecorder = DeploymentRecorder.Create(GitHubSettings.From(GitHubToken, GitHubRepository, GitHubApiUrl, origin, environment), log);
        }
        return gitHubRecorder.WithLog(log);
    }
}
