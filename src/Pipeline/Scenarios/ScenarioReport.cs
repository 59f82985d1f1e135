using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Scenarios;

/// <summary>The outcome of a scenario run: one result per scenario run. Secrets in it are already replaced by <c>***</c>.</summary>
/// <param name="Environment">The environment tested, e.g. staging.</param>
/// <param name="BaseAddress">The service's address.</param>
/// <param name="StartedAt">When the run began.</param>
/// <param name="Duration">How long the run took.</param>
/// <param name="Scenarios">The scenarios run, in order.</param>
public sealed partial record ScenarioReport(
    string Environment, string BaseAddress, DateTimeOffset StartedAt, [property: JsonIgnore] TimeSpan Duration, IReadOnlyList<ScenarioResult> Scenarios)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True when every scenario passed.</summary>
    public bool Passed => Scenarios.All(s => s.Status == ScenarioStatus.Passed);

    /// <summary>How many scenarios passed.</summary>
    public int PassedCount => Scenarios.Count(s => s.Status == ScenarioStatus.Passed);

    /// <summary>How many scenarios failed.</summary>
    public int FailedCount => Scenarios.Count - PassedCount;

    /// <summary>The duration in milliseconds, as the JSON report gives it.</summary>
    public long DurationMs => (long)Duration.TotalMilliseconds;

    /// <summary>One line, e.g. <c>Workflow tests (staging): 4 of 5 scenarios passed in 3.2 s</c>.</summary>
    public string Summary => $"Workflow tests ({Environment}): {PassedCount} of {Scenarios.Count} scenarios passed in {Duration.TotalSeconds:0.0} s";

    /// <summary>Where a run's JSON report goes: <c>&lt;artifacts&gt;/workflow-tests-&lt;environment&gt;.json</c>.</summary>
    public static string ArtifactPath(string artifactsDirectory, string environment) =>
        Path.Combine(artifactsDirectory, $"workflow-tests-{environment}.json");

    /// <summary>Writes the report as indented JSON, creating the folder when needed.</summary>
    public void WriteJson(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson() + "\n");
    }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
