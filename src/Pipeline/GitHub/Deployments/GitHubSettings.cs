namespace Pipeline.GitHub.Deployments;

/// <summary>Where deployment records go: the token, the repository, the REST API's base address and this run's log page.</summary>
/// <param name="Token">The token (a secret: never logged), or null when there is none.</param>
/// <param name="Repository">The repository, or null when none was given and <c>origin</c> is not on GitHub.</param>
/// <param name="ApiUrl">The REST API's base address: <c>https://api.github.com</c>, or <c>https://HOST/api/v3</c> on GitHub Enterprise.</param>
public sealed record GitHubSettings(string? Token, GitHubRepositoryName? Repository, Uri ApiUrl)
{
    /// <summary>GitHub.com's REST API.</summary>
    public static Uri DefaultApiUrl { get; } = new("https://api.github.com/");

    /// <summary>The page that shows this run's log (an Actions run), or null when unknown.</summary>
    public Uri? LogUrl { get; init; }

    /// <summary>How long one API call may take before it is given up (the deploy never waits longer on GitHub).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Settings from the build's parameters: <paramref name="repository"/> (<c>owner/name</c>) wins over the repository of
    /// <paramref name="originUrl"/>. Throws <see cref="ArgumentException"/> with what to do when a given value is malformed.
    /// </summary>
    public static GitHubSettings From(string? token, string? repository, string? apiUrl, string? originUrl, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = string.IsNullOrWhiteSpace(repository) ? GitHubRepositoryName.FromRemoteUrl(originUrl)
            : GitHubRepositoryName.Parse(repository) ?? throw new ArgumentException($"--github-repository '{repository}' is not of the form owner/name (e.g. octo-org/app).");
        var api = string.IsNullOrWhiteSpace(apiUrl) ? DefaultApiUrl
            : Uri.TryCreate(apiUrl.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? WithSlash(u)
            : throw new ArgumentException($"--github-api-url '{apiUrl}' is not an http(s) URL: use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise.");
        return new GitHubSettings(string.IsNullOrWhiteSpace(token) ? null : token.Trim(), name, api) { LogUrl = RunUrl(environment) };
    }

    /// <summary>What is wrong with <paramref name="repository"/> or <paramref name="apiUrl"/>, or null when both are usable.</summary>
    public static string? Problem(string? repository, string? apiUrl)
    {
        try
        {
            From(null, repository, apiUrl, null, new Dictionary<string, string?>());
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>The URL of <c>origin</c> in <paramref name="directory"/>, or null when there is none.</summary>
    public static Task<string?> OriginUrlAsync(string directory, CancellationToken ct) => new Git.GitRepository(directory).OriginUrlAsync(ct);

    /// <summary>The Actions run page from <c>GITHUB_SERVER_URL</c>, <c>GITHUB_REPOSITORY</c> and <c>GITHUB_RUN_ID</c>, or null.</summary>
    public static Uri? RunUrl(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var server = environment.GetValueOrDefault("GITHUB_SERVER_URL");
        var repository = environment.GetValueOrDefault("GITHUB_REPOSITORY");
        var run = environment.GetValueOrDefault("GITHUB_RUN_ID");
        if (string.IsNullOrWhiteSpace(server) || string.IsNullOrWhiteSpace(repository) || string.IsNullOrWhiteSpace(run))
            return null;
        return Uri.TryCreate($"{server.TrimEnd('/')}/{repository}/actions/runs/{run}", UriKind.Absolute, out var url) ? url : null;
    }

    static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
