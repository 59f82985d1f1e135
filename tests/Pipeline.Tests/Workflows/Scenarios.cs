using Pipeline.Tests.Support;
using Pipeline.Workflows;

namespace Pipeline.Tests.Workflows;

/// <summary>Helpers to write scenarios inline and run them.</summary>
internal static class Scenarios
{
    /// <summary>A scenario from JSON text in which single quotes stand for double quotes.</summary>
    public static Workflow Parse(string json, string source = "inline.json") =>
        WorkflowLoader.Parse(json.Replace('\'', '"'), source);

    /// <summary>Runs the scenarios with a logger whose messages the caller can read.</summary>
    public static async Task<(WorkflowReport Report, string Table, InMemorySink Log)> RunAsync(
        HttpClient http, WorkflowRunOptions options, params Workflow[] workflows)
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var report = await new WorkflowRunner(http, log).RunAsync(workflows, options, CancellationToken.None);
        var table = new StringWriter();
        report.Write(table);
        return (report, table.ToString(), sink);
    }
}
