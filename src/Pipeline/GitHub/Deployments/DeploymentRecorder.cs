using Octokit;
using Serilog;

namespace Pipeline.GitHub.Deployments;

/// <summary>
/// Records deployments, their statuses and releases on GitHub with Octokit. Never throws into a deploy and never waits
/// longer than <see cref="GitHubSettings.Timeout"/> per call: the first failure is logged as one warning that says what
/// to do, and every later call of this run is skipped.
/// </summary>
public sealed partial class DeploymentRecorder
{
    readonly GitHubSettings? settings;
    readonly GitHubClient? client;
    readonly ILogger log;
    readonly Stopped stopped;

    DeploymentRecorder(GitHubSettings? settings, GitHubClient? client, ILogger log, Stopped stopped)
    {
        this.settings = settings;
        this.client = client;
        this.log = log;
        this.stopped = stopped;
    }

    /// <summary>A recorder that records nothing and says nothing.</summary>
    public static DeploymentRecorder None { get; } = new(null, null, Serilog.Core.Logger.None, new Stopped { Value = true });

    /// <summary>True when records go to GitHub (a token and a repository are known and no call failed yet).</summary>
    public bool Enabled => client is not null && !stopped.Value;

    /// <summary>
    /// A recorder for <paramref name="settings"/>. Without a token or a repository it logs one information line saying so
    /// and records nothing.
    /// </summary>
    public static DeploymentRecorder Create(GitHubSettings settings, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        if (settings.Token is null)
        {
            log.Information("No GitHub token (--github-token / GITHUB_TOKEN): deployment records skipped");
            return new(null, null, log, new Stopped { Value = true });
        }
        if (settings.Repository is null)
        {
            log.Information("No GitHub repository (--github-repository owner/name, and origin is not on GitHub): deployment records skipped");
            return new(null, null, log, new Stopped { Value = true });
        }
        var connection = new Connection(new ProductHeaderValue("app-pipeline"), settings.ApiUrl,
            new Octokit.Internal.InMemoryCredentialStore(new Credentials(settings.Token, AuthenticationType.Bearer)));
        connection.SetRequestTimeout(settings.Timeout);
        return new(settings, new GitHubClient(connection), log, new Stopped());
    }

    /// <summary>The same recorder (same client, same stop after a failure) writing to <paramref name="other"/>.</summary>
    public DeploymentRecorder WithLog(ILogger other) => new(settings, client, other, stopped);

    async Task<T?> CallAsync<T>(string action, Func<Task<T>> call, Func<Exception, bool>? exists = null) where T : class
    {
        if (!Enabled)
            return null;
        try
        {
            return await call().WaitAsync(settings!.Timeout + TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (exists?.Invoke(e) == true)
        {
            log.Information("GitHub already has what {Action} would make: left as it is", action);
            return null;
        }
        catch (Exception e)
        {
            stopped.Value = true;
            log.Warning("{Problem}", GitHubFailure.Describe(e, action, settings!));
            return null;
        }
    }

    sealed class Stopped
    {
        public bool Value { get; set; }
    }
}
