using Pipeline.Tests.Support;
using Pipeline.Scenarios;

namespace Pipeline.Tests.Scenarios;

/// <summary>How failures are reported, against the real sample app.</summary>
[Collection(SampleAppCollection.Name)]
public sealed class ScenarioFailureTests(SampleApp app)
{
    [Fact]
    public async Task A_wrong_expectation_fails_with_expected_and_actual_and_the_later_steps_are_not_run()
    {
        var wrong = InlineScenarios.Parse("""
            { 'name': 'wrong email', 'steps': [
              { 'name': 'create', 'request': { 'method': 'POST', 'path': '/api/users', 'body': { 'email': 'right-${unique}@example.com' } },
                'expect': { 'status': 201, 'json': { '$.email': 'someone-else@example.com' } }, 'capture': { 'userId': '$.id' } },
              { 'name': 'read', 'request': { 'method': 'GET', 'path': '/api/users/${userId}' } },
              { 'name': 'read again', 'request': { 'method': 'GET', 'path': '/api/users/${userId}' } } ] }
            """, "wrong.json");
        var healthy = InlineScenarios.Parse("{ 'name': 'healthy', 'steps': [ { 'name': 'health', 'request': { 'method': 'GET', 'path': '/health' }, 'expect': { 'json': { '$.status': 'healthy' } } } ] }");

        var (report, table, log) = await InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions { Unique = "u123" }, wrong, healthy);

        Assert.False(report.Passed);
        Assert.Equal(1, report.FailedCount);
        var failed = report.Scenarios[0];
        Assert.Equal(ScenarioStatus.Failed, failed.Status);
        Assert.Equal([ScenarioStatus.Failed, ScenarioStatus.NotRun, ScenarioStatus.NotRun], failed.Steps.Select(s => s.Status));
        var failure = failed.Steps[0].Failure!;
        Assert.Equal("$.email equals \"someone-else@example.com\"", failure.Assertion);
        Assert.Equal("\"someone-else@example.com\"", failure.Expected);
        Assert.Equal("\"right-u123@example.com\"", failure.Actual);
        Assert.Equal(201, failed.Steps[0].ResponseStatus);
        Assert.Contains("right-u123@example.com", failed.Steps[0].ResponseExcerpt);
        Assert.Equal(ScenarioStatus.Passed, report.Scenarios[1].Status);
        Assert.Contains("not run", table);
        Assert.Contains("expected: \"someone-else@example.com\"", table);
        Assert.Contains("actual:   \"right-u123@example.com\"", table);
        Assert.Contains(log.Messages, m => m.Contains("create: failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_status_mismatch_reports_expected_and_actual_codes()
    {
        var missing = InlineScenarios.Parse("{ 'name': 'missing user', 'steps': [ { 'name': 'read', 'request': { 'method': 'GET', 'path': '/api/users/999999' }, 'expect': { 'status': 200 } } ] }");

        var (report, _, _) = await InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions(), missing);

        var step = report.Scenarios[0].Steps[0];
        Assert.Equal(new AssertionFailure("status 200", "200", "404"), step.Failure);
        Assert.Contains("not found", step.ResponseExcerpt);
    }

    [Fact]
    public async Task A_poll_that_never_succeeds_times_out_with_the_last_unmet_condition()
    {
        var slow = InlineScenarios.Parse("""
            { 'name': 'slow', 'steps': [
              { 'name': 'submit', 'request': { 'method': 'POST', 'path': '/api/jobs', 'body': { 'type': 'sleep', 'payload': 5000 } }, 'capture': { 'jobId': '$.id' } },
              { 'name': 'wait', 'request': { 'method': 'GET', 'path': '/api/jobs/${jobId}' },
                'poll': { 'until': { '$.status': { 'in': ['succeeded'] } }, 'timeout': '400ms', 'interval': '50ms' } },
              { 'name': 'after', 'request': { 'method': 'GET', 'path': '/health' } } ] }
            """);

        var (report, table, _) = await InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions(), slow);

        var step = report.Scenarios[0].Steps[1];
        Assert.Equal(ScenarioStatus.Failed, step.Status);
        Assert.StartsWith("Polling timed out after 400 ms", step.Error);
        Assert.Contains("$.status in [\"succeeded\"]", step.Error);
        Assert.True(step.Attempts > 1, $"{step.Attempts} attempts");
        Assert.True(step.Failure!.Actual is "\"queued\"" or "\"running\"", step.Failure.Actual);
        Assert.True(step.Duration >= TimeSpan.FromMilliseconds(400));
        Assert.Equal(ScenarioStatus.NotRun, report.Scenarios[0].Steps[2].Status);
        Assert.Contains("Polling timed out", table);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_fails_the_step_and_says_where()
    {
        using var nowhere = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestMachine.FreePort()}") };
        var health = InlineScenarios.Parse("{ 'name': 'health', 'steps': [ { 'name': 'health', 'request': { 'method': 'GET', 'path': '/health' } } ] }");
        var other = InlineScenarios.Parse("{ 'name': 'other', 'steps': [ { 'name': 'ready', 'request': { 'method': 'GET', 'path': '/ready' } } ] }");

        var (report, _, _) = await InlineScenarios.RunAsync(nowhere, new ScenarioRunOptions(), health, other);

        Assert.Equal(2, report.FailedCount);
        Assert.Contains("GET /health could not reach http://127.0.0.1:", report.Scenarios[0].Steps[0].Error);
        Assert.Null(report.Scenarios[0].Steps[0].ResponseStatus);
    }

    [Fact]
    public async Task A_request_that_gets_no_answer_fails_after_the_request_timeout()
    {
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://{silent.LocalEndpoint}") };
            var health = InlineScenarios.Parse("{ 'name': 'health', 'steps': [ { 'name': 'health', 'request': { 'method': 'GET', 'path': '/health' } } ] }");

            var (report, _, _) = await InlineScenarios.RunAsync(http, new ScenarioRunOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) }, health);

            Assert.StartsWith("GET /health got no answer within 300 ms", report.Scenarios[0].Steps[0].Error);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task A_smoke_run_without_smoke_scenarios_is_refused_rather_than_passing_empty()
    {
        var plain = InlineScenarios.Parse("{ 'name': 'plain', 'steps': [ { 'name': 'health', 'request': { 'method': 'GET', 'path': '/health' } } ] }");

        var e = await Assert.ThrowsAsync<ScenarioException>(() => InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions { SmokeOnly = true }, plain));

        Assert.Contains("None of the 1 scenarios is marked \"smoke\": true", e.Message);
    }
}
