using Pipeline.Tests.Support;
using Pipeline.Scenarios;

namespace Pipeline.Tests.Scenarios;

/// <summary>Loading scenario files: the shipped ones, and clear errors naming the file and the problem.</summary>
public sealed class ScenarioLoaderTests : IDisposable
{
    const string Step = "{ 'name': 's', 'request': { 'method': 'GET', 'path': '/health' } }";
    readonly string folder = TestMachine.TempDirectory("workflow-files");

    public void Dispose() => TestMachine.Delete(folder);

    [Fact]
    public void The_shipped_scenarios_load_and_users_and_jobs_hash_are_the_smoke_set()
    {
        var workflows = ScenarioLoader.LoadAll(Path.Combine(TestMachine.RepositoryRoot, "deploy", "workflows"));

        Assert.Equal(["jobs-fail", "jobs-hash", "jobs-sleep", "queue-stats", "users"], workflows.Select(w => w.Name));
        Assert.Equal(["jobs-hash"], workflows.Where(w => w.Smoke).Select(w => w.Name));
        Assert.All(workflows, w => Assert.EndsWith($"{w.Name}.json", w.Source));
    }

    [Fact]
    public void A_malformed_file_fails_loading_with_its_name_and_line()
    {
        Write("good.json", $"{{ 'name': 'good', 'steps': [ {Step} ] }}");
        Write("broken.json", "{ 'name': 'broken',\n  'steps': [ }");

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadAll(folder));

        Assert.Contains(Path.Combine(folder, "broken.json"), e.Message);
        Assert.Contains("is not valid JSON (line 2", e.Message);
    }

    [Theory]
    [InlineData("{ 'steps': [ STEP ] }", "the file.name is missing or empty")]
    [InlineData("{ 'name': 'x' }", "steps is missing")]
    [InlineData("{ 'name': 'x', 'steps': [] }", "steps is empty")]
    [InlineData("{ 'name': 'x', 'smoke': 'yes', 'steps': [ STEP ] }", "the file.smoke must be a JSON boolean, not string")]
    [InlineData("{ 'name': 'x', 'stepz': [ STEP ] }", "has an unknown field 'stepz'")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's' } ] }", "steps[0] ('s').request is missing")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'FETCH', 'path': '/' } } ] }", "'FETCH' is not supported")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': 'api' } } ] }", "'api' must start with '/'")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'expect': { 'json': { '$.a': { 'equal': 1 } } } } ] }",
        "steps[0] ('s').expect.json['$.a'] uses the unknown operator 'equal': use one of equals, notEquals, in, exists, greaterThan, lessThan, matches")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'expect': { 'json': { 'status': 1 } } } ] }", "must start with '$'")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'expect': { 'json': { '$.a': { 'in': 'b' } } } } ] }", "in needs a list of values")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'expect': { 'json': { '$.a': { 'matches': '(' } } } } ] }", "is not a valid regular expression")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'expect': { 'status': 'ok' } } ] }", "must be an HTTP status code")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'capture': { 'id': 'id' } } ] }", "capture.id is invalid")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'poll': { 'timeout': '5s' } } ] }", "poll.until is missing")]
    [InlineData("{ 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'GET', 'path': '/' }, 'poll': { 'until': { '$.a': 1 }, 'timeout': '30sec' } } ] }",
        "poll.timeout '30sec' is not a duration")]
    public void An_invalid_file_fails_loading_with_the_file_and_the_problem(string json, string problem)
    {
        var file = Write("scenario.json", json.Replace("STEP", Step, StringComparison.Ordinal));

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(file));

        Assert.StartsWith($"{file}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Two_files_with_the_same_scenario_name_are_refused()
    {
        Write("a.json", $"{{ 'name': 'same', 'steps': [ {Step} ] }}");
        Write("b.json", $"{{ 'name': 'Same', 'steps': [ {Step} ] }}");

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadAll(folder));

        Assert.Contains("a.json and ", e.Message);
        Assert.Contains("b.json", e.Message);
    }

    [Fact]
    public void A_missing_or_empty_folder_says_what_to_create()
    {
        Assert.Contains("does not exist", Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadAll(Path.Combine(folder, "none"))).Message);
        Assert.Contains("holds no *.json scenario", Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadAll(folder)).Message);
    }

    [Fact]
    public void Comments_trailing_commas_and_defaults_are_accepted()
    {
        var workflow = InlineScenarios.Parse("""
            // a comment
            { 'name': 'x', 'steps': [ { 'name': 's', 'request': { 'method': 'get', 'path': '/' }, 'poll': { 'until': { '$.a': 1 } }, }, ], }
            """);

        var step = workflow.Steps[0];
        Assert.False(workflow.Smoke);
        Assert.Equal("GET", step.Request.Method);
        Assert.Null(step.Expect.Status);
        Assert.Equal(ScenarioPoll.DefaultTimeout, step.Poll!.Timeout);
        Assert.Equal(ScenarioPoll.DefaultInterval, step.Poll.Interval);
    }

    string Write(string name, string json)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, json.Replace('\'', '"'));
        return path;
    }
}
