namespace App.Data;

/// <summary>A job as stored in the <c>jobs</c> table.</summary>
public sealed record Job(
    long Id,
    string Type,
    string? Payload,
    string Status,
    string? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>The states a job goes through.</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>Totals over the <c>jobs</c> table.</summary>
public sealed record JobCounts(int Queued, int Succeeded, int Failed, double AverageMilliseconds);
