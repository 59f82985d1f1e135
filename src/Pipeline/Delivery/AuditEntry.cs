namespace Pipeline.Delivery;

/// <summary>One line of the audit log: what was done to which environment, how it ended, and by whom.</summary>
/// <param name="Time">When it ended (written as UTC).</param>
/// <param name="Action">What was done.</param>
/// <param name="Environment">The environment it was done to.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record AuditEntry(DateTimeOffset Time, AuditAction Action, string Environment, AuditOutcome Outcome)
{
    /// <summary>The version the environment runs afterwards (or was meant to).</summary>
    public string? Version { get; init; }

    /// <summary>The version it ran before.</summary>
    public string? PreviousVersion { get; init; }

    /// <summary>The commit of <see cref="Version"/>.</summary>
    public string? Commit { get; init; }

    /// <summary>Image reference by digest per service (<c>app</c> → <c>repo@sha256:...</c>).</summary>
    public IReadOnlyDictionary<string, string>? Digests { get; init; }

    /// <summary>The rollback point created before, or restored by, the action.</summary>
    public string? RollbackTag { get; init; }

    /// <summary>The backup taken before, or restored by, the action.</summary>
    public string? BackupId { get; init; }

    /// <summary>Who did it.</summary>
    public string? User { get; init; }

    /// <summary>The machine it ran on.</summary>
    public string? Machine { get; init; }

    /// <summary>Free text: the reason, or what failed.</summary>
    public string? Message { get; init; }

    /// <summary>Sets <see cref="User"/> and <see cref="Machine"/> from <paramref name="user"/>.</summary>
    public AuditEntry By(DeployUser user) => this with { User = user?.User, Machine = user?.Machine };
}
