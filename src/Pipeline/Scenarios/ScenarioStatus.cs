using System.Text.Json.Serialization;

namespace Pipeline.Scenarios;

/// <summary>How a scenario or step ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScenarioStatus>))]
public enum ScenarioStatus
{
    /// <summary>Every assertion held.</summary>
    [JsonStringEnumMemberName("passed")]
    Passed,

    /// <summary>An assertion did not hold, or the request could not be made.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>An earlier step of the scenario failed, so this one was not run.</summary>
    [JsonStringEnumMemberName("not run")]
    NotRun,
}

/// <summary>Status names as reports show them.</summary>
public static class ScenarioStatuses
{
    /// <summary><c>passed</c>, <c>failed</c> or <c>not run</c>.</summary>
    public static string Text(this ScenarioStatus status) => status switch
    {
        ScenarioStatus.Passed => "passed",
        ScenarioStatus.Failed => "failed",
        _ => "not run",
    };
}
