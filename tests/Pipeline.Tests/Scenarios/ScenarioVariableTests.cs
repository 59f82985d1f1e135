using System.Text.Json.Nodes;
using Pipeline.Scenarios;

namespace Pipeline.Tests.Scenarios;

/// <summary>Captured values, <c>${unique}</c> and <c>${env.NAME}</c> against the real sample app, and secret masking.</summary>
[Collection(SampleAppCollection.Name)]
public sealed class ScenarioVariableTests(SampleApp app)
{
    [Fact]
    public async Task Captured_values_flow_into_later_steps_paths_bodies_and_expectations()
    {
        var flow = InlineScenarios.Parse("""
            { 'name': 'flow', 'steps': [
              { 'name': 'create', 'request': { 'method': 'POST', 'path': '/api/users', 'body': { 'name': 'Flow', 'email': 'flow-${unique}@example.com' } },
                'expect': { 'status': 201 }, 'capture': { 'userId': '$.id', 'email': '$.email' } },
              { 'name': 'read', 'request': { 'method': 'GET', 'path': '/api/users/${userId}' },
                'expect': { 'json': { '$.id': '${userId}', '$.email': '${email}', '$.name': { 'matches': '^Fl' } } } },
              { 'name': 'hash the email', 'request': { 'method': 'POST', 'path': '/api/jobs', 'body': { 'type': 'hash', 'payload': '${email}' } },
                'capture': { 'jobId': '$.id' } },
              { 'name': 'wait', 'request': { 'method': 'GET', 'path': '/api/jobs/${jobId}' },
                'poll': { 'until': { '$.status': { 'in': ['succeeded', 'failed'] } }, 'timeout': '20s', 'interval': '50ms' },
                'expect': { 'json': { '$.id': { 'equals': '${jobId}' }, '$.result': { 'matches': '^[0-9a-f]{64}$' } } } } ] }
            """);

        var (report, table, _) = await InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions { Unique = $"v{Guid.NewGuid():N}"[..12] }, flow);

        Assert.True(report.Passed, table);
        var steps = report.Scenarios[0].Steps;
        var id = JsonNode.Parse(steps[0].ResponseExcerpt!)!["id"]!.GetValue<long>();
        Assert.Equal($"GET /api/users/{id}", steps[1].Request);
        Assert.StartsWith("GET /api/jobs/", steps[3].Request);
    }

    [Fact]
    public async Task Missing_variables_fail_the_step_and_name_what_to_set()
    {
        var unset = InlineScenarios.Parse("{ 'name': 'unset', 'steps': [ { 'name': 'token', 'request': { 'method': 'GET', 'path': '/health', 'headers': { 'Authorization': 'Bearer ${env.WORKFLOW_TEST_UNSET}' } } } ] }");
        var uncaptured = InlineScenarios.Parse("{ 'name': 'uncaptured', 'steps': [ { 'name': 'read', 'request': { 'method': 'GET', 'path': '/api/users/${userId}' } } ] }");

        var (report, _, _) = await InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions { EnvironmentVariables = new Dictionary<string, string>() }, unset, uncaptured);

        Assert.Contains("environment variable WORKFLOW_TEST_UNSET is not set", report.Scenarios[0].Steps[0].Error);
        Assert.Contains("${userId} is not defined", report.Scenarios[1].Steps[0].Error);
    }

    [Fact]
    public async Task Secret_environment_values_are_masked_in_the_table_the_json_report_and_the_logs()
    {
        const string token = "tok-d41d8cd98f00b204";
        const string password = "hunter2-password";
        var secret = InlineScenarios.Parse("""
            { 'name': 'secret', 'steps': [
              { 'name': 'echo', 'request': { 'method': 'POST', 'path': '/api/users', 'headers': { 'Authorization': 'Bearer ${env.API_TOKEN}' },
                'body': { 'name': '${env.API_TOKEN}', 'email': 'secret-${unique}@example.com', 'phone': 'hunter2-password' } },
                'expect': { 'json': { '$.name': 'not the token', '$.phone': 'hunter2-password' } } } ] }
            """);
        var variables = new Dictionary<string, string> { ["API_TOKEN"] = token, ["DB_PASSWORD"] = password, ["HOME"] = "/root" };

        var (report, table, log) = await InlineScenarios.RunAsync(app.Http, new ScenarioRunOptions { EnvironmentVariables = variables }, secret);

        var step = report.Scenarios[0].Steps[0];
        Assert.Equal("$.name equals \"not the token\"", step.Failure!.Assertion);
        Assert.Equal("\"***\"", step.Failure.Actual);
        Assert.Contains("\"name\":\"***\"", step.ResponseExcerpt);
        Assert.Contains("\"phone\":\"***\"", step.ResponseExcerpt);
        var json = report.ToJson();
        foreach (var text in new[] { table, json, string.Join('\n', log.Messages) })
        {
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain(password, text);
            Assert.Contains("***", text);
        }
    }
}
