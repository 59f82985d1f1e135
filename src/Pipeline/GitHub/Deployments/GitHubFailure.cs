using System.Net;
using Octokit;

namespace Pipeline.GitHub.Deployments;

/// <summary>Turns a failed GitHub API call into one line that says what happened and what to do; the token never appears in it.</summary>
internal static class GitHubFailure
{
    const string WentOn = "the deploy goes on without GitHub records for the rest of this run";

    public static string Describe(Exception exception, string action, GitHubSettings settings)
    {
        var line = exception switch
        {
            AuthorizationException => $"GitHub refused the token (401) while {action}: check --github-token / GITHUB_TOKEN; {WentOn}.",
            RateLimitExceededException r => $"GitHub's API rate limit is used up (403, resets {r.Reset:yyyy-MM-dd HH:mm} UTC) while {action}: try again later or use another token; {WentOn}.",
            SecondaryRateLimitExceededException => $"GitHub's secondary rate limit stopped {action} (403): wait a minute before the next run; {WentOn}.",
            ApiException { StatusCode: (HttpStatusCode)429 } => $"GitHub's API rate limit is used up (429) while {action}: try again later or use another token; {WentOn}.",
            ApiException { StatusCode: HttpStatusCode.Forbidden } a when RateLimited(a) => $"GitHub's API rate limit is used up (403, X-RateLimit-Remaining: 0) while {action}: try again later or use another token; {WentOn}.",
            ForbiddenException f => $"GitHub denied {action} (403: {f.Message}): give the token write access to deployments and contents of {settings.Repository} (classic token: 'repo' scope); {WentOn}.",
            NotFoundException => $"GitHub found no repository {settings.Repository} at {settings.ApiUrl} (404) while {action}, or the token cannot see it: check --github-repository and --github-api-url; {WentOn}.",
            ApiException a => $"GitHub answered {(int)a.StatusCode} while {action}: {a.Message}; {WentOn}.",
            HttpRequestException h => $"GitHub's API at {settings.ApiUrl} could not be reached while {action} ({h.Message}): check --github-api-url and the network; {WentOn}.",
            TimeoutException or TaskCanceledException => $"GitHub's API at {settings.ApiUrl} did not answer within {settings.Timeout.TotalSeconds:0} s while {action}; {WentOn}.",
            _ => $"Recording on GitHub failed while {action} ({exception.GetType().Name}: {exception.Message}); {WentOn}.",
        };
        return Redact(line, settings.Token);
    }

    /// <summary>True when GitHub said the release's tag already has a release (422 already_exists on tag_name).</summary>
    public static bool AlreadyExists(Exception exception) =>
        exception is ApiValidationException v && (v.ApiError?.Errors?.Any(e => e.Code == "already_exists") ?? false);

    static bool RateLimited(ApiException exception) =>
        exception.HttpResponse?.Headers is { } headers
        && headers.Any(h => h.Key.Equals("X-RateLimit-Remaining", StringComparison.OrdinalIgnoreCase) && h.Value == "0");

    internal static string Redact(string text, string? token) =>
        string.IsNullOrEmpty(token) ? text : text.Replace(token, "***", StringComparison.Ordinal);
}
