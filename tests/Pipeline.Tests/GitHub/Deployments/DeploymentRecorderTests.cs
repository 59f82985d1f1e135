using FakeGitHub;
using Pipeline.GitHub.Deployments;
using Pipeline.Tests.Support;
using Serilog.Events;

namespace Pipeline.Tests.GitHub.Deployments;

/// <summary>The recorder against a local stand-in for GitHub's REST API: the exact requests, and every failure as one warning.</summary>
public sealed class DeploymentRecorderTests : IAsyncLifetime
{
    const string Commit = "0123456789abcdef0123456789abcdef01234567";
    const string Image = "localhost:5000/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    readonly string token = "ghs_unit" + Guid.NewGuid().ToString("N");
    FakeGitHubServer github = null!;

    public async Task InitializeAsync() => github = await FakeGitHubServer.StartAsync();

    public async Task DisposeAsync() => await github.DisposeAsync();

    GitHubSettings Settings => new(token, new GitHubRepositoryName("octo-org", "app"), github.Url) { LogUrl = new Uri("https://github.com/octo-org/app/actions/runs/7") };

    static DeploymentRequest Request => new("production", Commit, "1.2.3", new Dictionary<string, string> { ["app"] = Image })
    {
        RollbackTag = "rollback-20261123-143000", EnvironmentUrl = new Uri("http://127.0.0.1:8080"),
    };

    [Fact]
    public async Task A_deployment_is_created_with_its_statuses()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var recorder = DeploymentRecorder.Create(Settings, log);

        var record = await recorder.StartAsync(Request);
        await record.CompleteAsync(DeploymentOutcome.Success, "1.2.3 serves");

        var requests = github.Requests;
        Assert.True(record.Id != 0, string.Join("\n", sink.Messages));
        Assert.Equal(["POST /repos/octo-org/app/deployments", $"POST /repos/octo-org/app/deployments/{record.Id}/statuses", $"POST /repos/octo-org/app/deployments/{record.Id}/statuses"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(requests, r => Assert.Equal("Bearer " + token, r.Authorization));
        var deployment = requests[0].Json!;
        Assert.Equal(Commit, deployment["ref"]!.GetValue<string>());
        Assert.Equal("production", deployment["environment"]!.GetValue<string>());
        Assert.False(deployment["auto_merge"]!.GetValue<bool>());
        Assert.Empty(deployment["required_contexts"]!.AsArray());
        Assert.Equal("1.2.3", deployment["payload"]!["version"]!.GetValue<string>());
        Assert.Equal(Image, deployment["payload"]!["digests"]!["app"]!.GetValue<string>());
        Assert.Equal("rollback-20261123-143000", deployment["payload"]!["rollback_tag"]!.GetValue<string>());
        Assert.Equal(["in_progress", "success"], requests.Skip(1).Select(r => r.Json!["state"]!.GetValue<string>()));
        Assert.All(requests.Skip(1), r =>
        {
            Assert.Equal("http://127.0.0.1:8080/", r.Json!["environment_url"]!.GetValue<string>());
            Assert.Equal("https://github.com/octo-org/app/actions/runs/7", r.Json!["log_url"]!.GetValue<string>());
        });
        Assert.DoesNotContain(sink.Events, e => e.Level >= LogEventLevel.Warning);
    }

    [Fact]
    public async Task A_GitHub_Enterprise_api_url_is_used_as_given()
    {
        var recorder = DeploymentRecorder.Create(Settings with { ApiUrl = new Uri(github.Url, "api/v3/") }, InMemorySink.CreateLogger().Logger);

        var record = await recorder.StartAsync(Request);

        Assert.Equal(["/api/v3/repos/octo-org/app/deployments", $"/api/v3/repos/octo-org/app/deployments/{record.Id}/statuses"], github.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_rollback_says_so_in_its_payload()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var recorder = DeploymentRecorder.Create(Settings, log);

        var record = await recorder.StartAsync(Request with { IsRollback = true });
        Assert.True(record.Id != 0, string.Join("\n", sink.Messages));
        await record.CompleteAsync(DeploymentOutcome.Failure, "not healthy");

        var payload = github.Requests[0].Json!["payload"]!;
        Assert.True(payload["rollback"]!.GetValue<bool>());
        Assert.StartsWith("Rollback to 1.2.3 (rollback-20261123-143000)", github.Requests[0].Json!["description"]!.GetValue<string>());
        Assert.Equal("failure", github.Requests[^1].Json!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Record_async_marks_a_throwing_deploy_as_failure_and_a_cancelled_one_as_error()
    {
        var recorder = DeploymentRecorder.Create(Settings, InMemorySink.CreateLogger().Logger);

        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordAsync(Request, () => throw new InvalidOperationException("staging is not healthy")));
        await Assert.ThrowsAsync<OperationCanceledException>(() => recorder.RecordAsync(Request, () => throw new OperationCanceledException()));
        await recorder.RecordAsync(Request, () => Task.CompletedTask);

        var states = github.Requests.Where(r => r.Path.EndsWith("/statuses")).Select(r => r.Json!["state"]!.GetValue<string>());
        Assert.Equal(["in_progress", "failure", "in_progress", "error", "in_progress", "success"], states);
        Assert.Equal("staging is not healthy", github.Requests[2].Json!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_release_names_the_rollback_tag()
    {
        var recorder = DeploymentRecorder.Create(Settings, InMemorySink.CreateLogger().Logger);

        await recorder.PublishReleaseAsync(new GitHubRelease("1.2.3", Commit, new Dictionary<string, string> { ["app"] = Image }, "rollback-20261123-143000", "1.2.2"));

        var request = Assert.Single(github.Requests);
        Assert.Equal("POST /repos/octo-org/app/releases", $"{request.Method} {request.Path}");
        Assert.Equal("v1.2.3", request.Json!["tag_name"]!.GetValue<string>());
        Assert.Equal(Commit, request.Json!["target_commitish"]!.GetValue<string>());
        Assert.False(request.Json!["prerelease"]!.GetValue<bool>());
        var body = request.Json!["body"]!.GetValue<string>();
        Assert.Contains("rollback-20261123-143000", body);
        Assert.Contains("./build.sh Rollback --tag rollback-20261123-143000", body);
        Assert.Contains(Image, body);
    }

    [Fact]
    public async Task An_existing_release_is_left_as_it_is_with_an_info_line()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        github.AddRelease("v1.2.3-rc.1");
        var recorder = DeploymentRecorder.Create(Settings, log);

        await recorder.PublishReleaseAsync(new GitHubRelease("1.2.3-rc.1", Commit, new Dictionary<string, string> { ["app"] = Image }, null, null));

        Assert.True(github.Requests[0].Json!["prerelease"]!.GetValue<bool>());
        Assert.Contains(sink.Messages, m => m.Contains("already has") && m.Contains("v1.2.3-rc.1"));
        Assert.DoesNotContain(sink.Events, e => e.Level >= LogEventLevel.Warning);
        Assert.True(recorder.Enabled);
    }

    [Theory]
    [InlineData(FakeFailure.Unauthorized, "GitHub refused the token (401)", "--github-token / GITHUB_TOKEN")]
    [InlineData(FakeFailure.Forbidden, "(403: Resource not accessible by integration)", "write access to deployments")]
    [InlineData(FakeFailure.NotFound, "found no repository octo-org/app", "check --github-repository and --github-api-url")]
    [InlineData(FakeFailure.RateLimited, "rate limit is used up (403", "try again later")]
    [InlineData(FakeFailure.TooManyRequests, "rate limit is used up (429)", "try again later")]
    public async Task Each_api_error_is_one_warning_and_stops_further_calls(FakeFailure failure, string what, string todo)
    {
        var (log, sink) = InMemorySink.CreateLogger();
        github.Failure = failure;
        var recorder = DeploymentRecorder.Create(Settings, log);

        var record = await recorder.StartAsync(Request);
        await record.CompleteAsync(DeploymentOutcome.Success, "serves");
        await recorder.PublishReleaseAsync(new GitHubRelease("1.2.3", Commit, new Dictionary<string, string> { ["app"] = Image }, null, null));

        Assert.Single(github.Requests);
        var warning = Assert.Single(sink.Events, e => e.Level >= LogEventLevel.Warning);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Contains(what, warning.RenderMessage());
        Assert.Contains(todo, warning.RenderMessage());
        Assert.Contains("the deploy goes on without GitHub records", warning.RenderMessage());
        Assert.False(recorder.Enabled);
        AssertNoToken(sink);
    }

    [Fact]
    public async Task A_message_that_repeats_the_token_is_logged_without_it()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        github.Failure = FakeFailure.ForbiddenEchoingToken;

        await DeploymentRecorder.Create(Settings, log).StartAsync(Request);

        var warning = Assert.Single(sink.Events, e => e.Level >= LogEventLevel.Warning);
        Assert.Contains("Refused 'Bearer ***'", warning.RenderMessage());
        AssertNoToken(sink);
    }

    [Fact]
    public async Task A_silent_api_is_given_up_after_the_timeout()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        github.Failure = FakeFailure.Hang;
        var recorder = DeploymentRecorder.Create(Settings with { Timeout = TimeSpan.FromSeconds(1) }, log);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var record = await recorder.StartAsync(Request);
        await record.CompleteAsync(DeploymentOutcome.Success, "serves");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains(sink.Messages, m => m.Contains("did not answer within 1 s"));
        Assert.Single(github.Requests);
        AssertNoToken(sink);
    }

    [Fact]
    public async Task An_unreachable_api_is_one_warning()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var closed = github.Url;
        await github.DisposeAsync();
        github = await FakeGitHubServer.StartAsync();
        var recorder = DeploymentRecorder.Create(Settings with { ApiUrl = closed }, log);

        await (await recorder.StartAsync(Request)).CompleteAsync(DeploymentOutcome.Success, "serves");

        var warning = Assert.Single(sink.Events, e => e.Level >= LogEventLevel.Warning);
        Assert.Contains("could not be reached", warning.RenderMessage());
        Assert.Contains("check --github-api-url", warning.RenderMessage());
    }

    [Fact]
    public async Task Without_a_token_one_info_line_and_no_request()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var recorder = DeploymentRecorder.Create(Settings with { Token = null }, log);

        await (await recorder.StartAsync(Request)).CompleteAsync(DeploymentOutcome.Success, "serves");
        await recorder.WithLog(log).PublishReleaseAsync(new GitHubRelease("1.2.3", Commit, new Dictionary<string, string>(), null, null));

        var line = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("No GitHub token (--github-token / GITHUB_TOKEN): deployment records skipped", line.RenderMessage());
        Assert.Empty(github.Requests);
    }

    [Fact]
    public async Task Without_a_repository_one_info_line_and_no_request()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var recorder = DeploymentRecorder.Create(Settings with { Repository = null }, log);

        await (await recorder.StartAsync(Request)).CompleteAsync(DeploymentOutcome.Success, "serves");

        var line = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Contains("--github-repository owner/name", line.RenderMessage());
        Assert.Empty(github.Requests);
    }

    void AssertNoToken(InMemorySink sink)
    {
        foreach (var e in sink.Events)
        {
            Assert.DoesNotContain(token, e.RenderMessage());
            Assert.DoesNotContain(token, e.Exception?.ToString() ?? "");
            Assert.All(e.Properties.Values, p => Assert.DoesNotContain(token, p.ToString()));
        }
    }
}
