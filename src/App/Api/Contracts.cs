using System.Text.Json;
using App.Data;

namespace App.Api;

/// <summary><c>POST /api/jobs</c> body. The payload may be a JSON string or number (a sleep's milliseconds).</summary>
public sealed record JobRequest(string? Type, JsonElement? Payload)
{
    /// <summary>The payload as text: a string's value, or the raw JSON of anything else.</summary>
    public string? PayloadText => Payload switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } p => p.GetString(),
        { } p => p.GetRawText(),
    };
}

/// <summary>Answer to an accepted job.</summary>
public sealed record JobAccepted(long Id, string Status);

/// <summary>A job as the API shows it.</summary>
public sealed record JobView(
    long Id, string Type, string Status, string? Result, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static JobView From(Job job) =>
        new(job.Id, job.Type, job.Status, job.Result, job.Error, job.CreatedAt, job.StartedAt, job.FinishedAt);
}

/// <summary><c>GET /api/queue-stats</c>; <c>averageTaskTime</c> in milliseconds over finished jobs.</summary>
public sealed record QueueStats(
    int TotalWorkers, int ActiveWorkers, int IdleWorkers, int QueuedTasks, int CompletedTasks, int FailedTasks, double AverageTaskTime);

/// <summary><c>POST /api/users</c> body.</summary>
public sealed record UserRequest(string? Name, string? Email, string? Phone);

/// <summary>Any error answer.</summary>
public sealed record ErrorResponse(string Error);

/// <summary><c>/health</c> and <c>/ready</c> answers; <c>reason</c> says why not ready.</summary>
public sealed record StatusResponse(
    string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
