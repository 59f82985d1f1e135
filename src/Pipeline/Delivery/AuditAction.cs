namespace Pipeline.Delivery;

/// <summary>What an audit entry records; written in kebab case (<c>deploy-staging</c>).</summary>
public enum AuditAction
{
    /// <summary>A release promoted to production.</summary>
    Promote,

    /// <summary>An environment restored to a rollback point.</summary>
    Rollback,

    /// <summary>A release deployed to staging.</summary>
    DeployStaging,

    /// <summary>Production data copied, sanitized, to staging.</summary>
    Sync,

    /// <summary>A deploy lock removed by hand.</summary>
    Unlock,

    /// <summary>Maintenance mode turned on or off.</summary>
    Maintenance,
}

/// <summary>How an audited action ended; written in kebab case (<c>rolled-back</c>).</summary>
public enum AuditOutcome
{
    /// <summary>It did what it was asked.</summary>
    Succeeded,

    /// <summary>It failed and left things as the failure left them.</summary>
    Failed,

    /// <summary>It failed and the environment was rolled back to where it was.</summary>
    RolledBack,

    /// <summary>It was cancelled (Ctrl-C, CI cancellation).</summary>
    Cancelled,
}
