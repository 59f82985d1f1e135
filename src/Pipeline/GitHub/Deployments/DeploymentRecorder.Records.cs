using System.Globalization;
using System.Text.Json;
using Octokit;

namespace Pipeline.GitHub.Deployments;

/// <summary>The records themselves: deployments, their statuses, releases.</summary>
public sealed partial class DeploymentRecorder
{
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
        if (!answer.TryGetValue("id", out var raw) || !long.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), out var id))
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
}
