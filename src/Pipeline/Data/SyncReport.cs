namespace Pipeline.Data;

/// <summary>How a production-to-staging copy ended.</summary>
public enum SyncOutcome
{
    /// <summary>The sanitized database is in staging.</summary>
    Copied,

    /// <summary>Production has no database yet; staging was not touched.</summary>
    NothingToCopy,
}

/// <summary>What a production-to-staging copy did; <see cref="Sanitization"/> is set when something was copied.</summary>
public sealed record SyncReport(SyncOutcome Outcome, string Message, SanitizationReport? Sanitization = null)
{
    /// <summary>Production has no data yet: nothing copied, staging untouched.</summary>
    public static SyncReport NothingToCopy { get; } = new(SyncOutcome.NothingToCopy, "production has no data yet; nothing copied");
}
