using Pipeline.Tests.Support;
using Pipeline.Scenarios;

namespace Pipeline.Tests.Scenarios;

/// <summary>Helpers to write scenarios inline and run them.</summary>
internal static class InlineScenarios
{
    /// <summary>A scenario from JSON text in which single quotes stand for double quotes.</summary>
    public static Scenario Parse(string json, string source = "inline.json") =>
        ScenarioLoader.Parse(json.Replace('\'', '"'), source);

    /// <summary>Runs the scenarios with a logger whose messages the caller can read.</summary>
    public static async Task<(ScenarioReport Report, string Table, InMemorySink Log)> RunAsync(
        HttpClient http, ScenarioRunOptions options, params Scenario[] workflows)
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var report = await new ScenarioRunner(http, log, Maskers.New()).RunAsync(workflows, options, CancellationToken.None);
        var table = new StringWriter();
        report.Write(table);
        return (report, table.ToString(), sink);
    }
}
