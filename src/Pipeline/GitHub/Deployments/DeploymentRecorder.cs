using System.Text.Json;
using Octokit;
using Serilog;

namespace Pipeline.GitHub.Deployments;

/// <summary>
/// Records deployments, their statuses and releases on GitHub with Octokit. Never throws into a deploy and never waits
/// longer than <see cref="GitHubSettings.Timeout"/> per call: the first failure is logged as one warning that says what
/// to do, and every later call of this run is skipped.
/// </summary>
public sealed class DeploymentRecorder
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

    /// <summary>Creates the deployment and its <c>in_progress</c> status; <see cref="DeploymentRecord.None"/> when not recording.</summary>
    public async Task<DeploymentRecord> StartAsync(DeploymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.Serialize(request.Body());
        // Octokit's NewDeployment sends the payload as a string and its Deployment cannot read a nested payload back, so the
        // body is our own JSON and the answer is read as a plain dictionary.
        var answer = await CallAsync($"creating the {request.Environment} deployment of {request.Version}", () =>
            new ApiConnection(client!.Connection).Post<Dictionary<string, object>>(new Uri($"repos/{settings!.Repository!.Owner}/{settings.Repository.Name}/deployments", UriKind.Relative),
                body, "application/vnd.github+json", "application/json"));
        if (answer is null)
            return DeploymentRecord.None;
        if (!answer.TryGetValue("id", out var raw) || !long.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), out var id))
        {
            stopped.Value = true;
            log.Warning("GitHub's answer to creating the {Environment} deployment has no id: no statuses recorded; the deploy goes on", request.Environment);
            return DeploymentRecord.None;
        }
        log.Information("GitHub deployment {Id}: {Environment} {Version} ({Repository})", id, request.Environment, request.Version, settings!.Repository);
        await PostStatusAsync(id, request, DeploymentState.InProgress, request.Description);
        return new DeploymentRecord(this, request, id);
    }

    /// <summary>Creates the release <see cref="GitHubRelease.TagName"/>; when it exists already it is left as it is.</summary>
    public async Task PublishReleaseAsync(GitHubRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var created = await CallAsync($"creating the release {release.TagName}", () =>
            client!.Repository.Release.Create(settings!.Repository!.Owner, settings.Repository.Name, new NewRelease(release.TagName)
            {
                Name = release.Version, Body = release.Notes(), TargetCommitish = release.Commit, Prerelease = release.Prerelease,
            }), GitHubFailure.AlreadyExists);
        if (created is not null)
            log.Information("GitHub release {Tag}: {Url}", release.TagName, created.HtmlUrl);
    }

    /// <summary>
    /// Records <paramref name="deploy"/> as one deployment: <c>in_progress</c>, then <c>success</c>, <c>failure</c> when it
    /// throws, or <c>error</c> when it is cancelled. The exception is rethrown as it was.
    /// </summary>
    public async Task RecordAsync(DeploymentRequest request, Func<Task> deploy)
    {
        ArgumentNullException.ThrowIfNull(deploy);
        var record = await StartAsync(request);
        try
        {
            await deploy();
        }
        catch (OperationCanceledException)
        {
            await record.CompleteAsync(DeploymentOutcome.Error, "cancelled (Ctrl-C or SIGTERM)");
            throw;
        }
        catch (Exception e)
        {
            await record.CompleteAsync(DeploymentOutcome.Failure, e.Message);
            throw;
        }
        await record.CompleteAsync(DeploymentOutcome.Success, $"{request.Version} serves");
    }

    internal async Task PostStatusAsync(long id, DeploymentRequest request, DeploymentState state, string description)
    {
        var status = new NewDeploymentStatus(state)
        {
            Description = description.Length > 140 ? description[..137] + "..." : description,
            EnvironmentUrl = request.EnvironmentUrl?.AbsoluteUri,
            LogUrl = settings?.LogUrl?.AbsoluteUri,
        };
        await CallAsync($"setting deployment {id} to {state}", () =>
            client!.Repository.Deployment.Status.Create(settings!.Repository!.Owner, settings.Repository.Name, id, status));
    }

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
