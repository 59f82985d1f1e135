namespace Pipeline.Delivery;

/// <summary>How pushing a rollback point to <c>origin</c> ended.</summary>
public enum TagPushStatus
{
    /// <summary>The tag is on <c>origin</c>.</summary>
    Pushed,

    /// <summary>The repository has no <c>origin</c> remote: the point stays local.</summary>
    NoOrigin,

    /// <summary>The push failed: the point stays local and is still usable here.</summary>
    Failed,
}

/// <summary>The result of <see cref="RollbackPoints.PushAsync"/>: a failure is reported here (and logged as a warning), never thrown.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Message">One sentence for logs and summaries.</param>
public sealed record TagPushResult(TagPushStatus Status, string Message);
