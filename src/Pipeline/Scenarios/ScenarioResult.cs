using System.Text.Json.Serialization;

namespace Pipeline.Scenarios;

/// <summary>How one scenario went: its steps in order, those after a failure marked not run.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Source">The file it came from.</param>
/// <param name="Smoke">Whether it belongs to the smoke set.</param>
/// <param name="Steps">One result per step.</param>
public sealed record ScenarioResult(string Name, string Source, bool Smoke, IReadOnlyList<StepResult> Steps)
{
    /// <summary>Passed when every step passed.</summary>
    public ScenarioStatus Status => Steps.All(s => s.Status == ScenarioStatus.Passed) ? ScenarioStatus.Passed : ScenarioStatus.Failed;

    /// <summary>The sum of the step durations.</summary>
    [JsonIgnore]
    public TimeSpan Duration => TimeSpan.FromTicks(Steps.Sum(s => s.Duration.Ticks));

    /// <summary>The duration in milliseconds, as the JSON report gives it.</summary>
    public long DurationMs => (long)Duration.TotalMilliseconds;

    /// <summary>The first failed step, or null.</summary>
    [JsonIgnore]
    public StepResult? FailedStep => Steps.FirstOrDefault(s => s.Status == ScenarioStatus.Failed);
}
