using Pipeline.Model;

namespace Pipeline.Promotion;

/// <summary>How a promotion ended, and so what production runs.</summary>
public enum PromotionResult
{
    /// <summary>The release was deployed and verified: it serves.</summary>
    Promoted,

    /// <summary>The release failed; production was rolled back to the previous release, which serves again.</summary>
    RolledBack,

    /// <summary>The first promotion failed; the failed release was removed and production is empty (data volume kept).</summary>
    Removed,

    /// <summary>The release failed and so did the automatic rollback: production serves neither verified.</summary>
    RollbackFailed,
}

/// <summary>What a promotion did: what it deployed, what it verified, what it rolled back to, and why.</summary>
/// <param name="Result">How it ended.</param>
/// <param name="Release">The release promoted.</param>
/// <param name="Previous">What ran before, or null for the first promotion.</param>
/// <param name="RollbackTag">The rollback point made before the deploy, or null.</param>
/// <param name="BackupId">The backup made before the deploy, or null.</param>
public sealed record PromotionOutcome(PromotionResult Result, Release Release, Release? Previous, string? RollbackTag, string? BackupId)
{
    /// <summary>Why the release failed (deploy, verification or cancellation); null when it was promoted.</summary>
    public string? Failure { get; init; }

    /// <summary>True when the promotion was cancelled (Ctrl-C or SIGTERM) while deploying.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Why the automatic rollback failed too; null unless <see cref="PromotionResult.RollbackFailed"/>.</summary>
    public string? RollbackFailure { get; init; }

    /// <summary>True when the release serves.</summary>
    public bool Succeeded => Result == PromotionResult.Promoted;

    /// <summary>The process exit code this outcome means: 0 only when the release serves.</summary>
    public int ExitCode => Succeeded ? 0 : 1;

    /// <summary>The verified release production serves now, or null when none does.</summary>
    public Release? Serving => Result switch
    {
        PromotionResult.Promoted => Release,
        PromotionResult.RolledBack => Previous,
        _ => null,
    };

    /// <summary>What to run next, or null when there is nothing to do.</summary>
    public Command? Remedy => Result == PromotionResult.RollbackFailed ? Commands.Rollback.With(Commands.Flags.Emergency) : null;

    /// <summary>One paragraph for the user: what happened to production and what to run next.</summary>
    public string Describe() => Result switch
    {
        PromotionResult.Promoted => $"{Release.Version} serves" + (RollbackTag is null ? " (first promotion)" : $"; back: {RollbackTag}"),
        PromotionResult.Removed =>
            $"Promotion of {Release.Version} failed: {Failure}. Production was empty before this first promotion; the failed release was removed and its data volume kept.",
        PromotionResult.RolledBack =>
            $"Promotion of {Release.Version} failed: {Failure}. Production was rolled back to {Previous!.Version} ({RollbackTag}) and serves; its data is untouched (backup {BackupId}).",
        _ =>
            $"Promotion of {Release.Version} failed: {Failure}. The automatic rollback to {Previous!.Version} failed too: {RollbackFailure}. " +
            $"Run {Remedy}, then {DeployEnvironment.Production.HealthCommand}.",
    };
}
