using System.Text.Json.Serialization;

namespace Pipeline.Workflows;

/// <summary>How a scenario or step ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
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
public static class WorkflowStatuses
{
    /// <summary><c>passed</c>, <c>failed</c> or <c>not run</c>.</summary>
    public static string Text(this WorkflowStatus status) => status switch
    {
        WorkflowStatus.Passed => "passed",
        WorkflowStatus.Failed => "failed",
        _ => "not run",
    };
}
