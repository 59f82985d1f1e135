using System.Text.Json;
using Pipeline.Tests.Support;
using Pipeline.Scenarios;

namespace Pipeline.Tests.Scenarios;

/// <summary>The scenarios shipped in deploy/workflows, run against the real sample app.</summary>
[Collection(SampleAppCollection.Name)]
public sealed class ShippedScenarioTests(SampleApp app)
{
    static readonly string Folder = Path.Combine(TestMachine.RepositoryRoot, "deploy", "workflows");

    [Fact]
    public async Task Every_shipped_scenario_passes_against_the_real_app()
    {
        var workflows = ScenarioLoader.LoadAll(Folder);
        var (log, _) = InMemorySink.CreateLogger();

        var report = await new ScenarioRunner(app.Http, log, Maskers.New()).RunAsync(workflows, new ScenarioRunOptions(), CancellationToken.None);

        var table = new StringWriter();
        report.Write(table);
        Assert.True(report.Passed, $"{table}\n--- app output ---\n{app.Output}");
        Assert.Equal(["jobs-fail", "jobs-hash", "jobs-sleep", "queue-stats", "users"], report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios.SelectMany(s => s.Steps), s => Assert.Equal(ScenarioStatus.Passed, s.Status));
        Assert.True(report.Scenarios.Single(s => s.Name == "jobs-hash").Steps[1].Attempts >= 1);
    }

    [Fact]
    public async Task A_smoke_run_runs_only_the_smoke_scenarios()
    {
        var workflows = ScenarioLoader.LoadAll(Folder);
        var (log, _) = InMemorySink.CreateLogger();

        var report = await new ScenarioRunner(app.Http, log, Maskers.New()).RunAsync(workflows, new ScenarioRunOptions { SmokeOnly = true, EnvironmentName = "production" }, CancellationToken.None);

        Assert.True(report.Passed, report.ToJson());
        Assert.Equal(["jobs-hash"], report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios, s => Assert.True(s.Smoke));
        Assert.Equal("production", report.Environment);
        Assert.Contains("1 of 1 scenarios passed", report.Summary);
    }

    [Fact]
    public async Task The_json_report_parses_and_holds_every_scenario_and_step()
    {
        var artifacts = TestMachine.TempDirectory("workflow-artifacts");
        try
        {
            var (log, _) = InMemorySink.CreateLogger();
            var report = await new ScenarioRunner(app.Http, log, Maskers.New()).RunAsync(
                ScenarioLoader.LoadAll(Folder), new ScenarioRunOptions { SmokeOnly = true, EnvironmentName = "staging" }, CancellationToken.None);
            var path = ScenarioReport.ArtifactPath(Path.Combine(artifacts, "nested"), "staging");

            report.WriteJson(path);

            Assert.EndsWith("workflow-tests-staging.json", path);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            Assert.Equal("staging", root.GetProperty("environment").GetString());
            Assert.True(root.GetProperty("passed").GetBoolean());
            Assert.Equal(app.Http.BaseAddress!.ToString().TrimEnd('/'), root.GetProperty("baseAddress").GetString());
            var scenarios = root.GetProperty("scenarios").EnumerateArray().ToList();
            Assert.Single(scenarios);
            var step = scenarios[0].GetProperty("steps")[0];
            Assert.Equal("passed", step.GetProperty("status").GetString());
            Assert.True(step.GetProperty("durationMs").GetInt64() >= 0);
            Assert.StartsWith("POST /api/jobs", step.GetProperty("request").GetString());
            Assert.Equal(202, step.GetProperty("responseStatus").GetInt32());
            Assert.Contains("\"id\"", step.GetProperty("responseExcerpt").GetString());
        }
        finally
        {
            TestMachine.Delete(artifacts);
        }
    }
}
