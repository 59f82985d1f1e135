using Pipeline.Delivery;
using Pipeline.Model;

namespace Pipeline.Promotion;

/// <summary>What a rollback did: the point it restored, the release it redeployed, whether data was restored, and why it failed.</summary>
/// <param name="Point">The rollback point restored.</param>
/// <param name="Release">The release it redeployed (the point's exact digests).</param>
/// <param name="PreviousVersion">The version that ran before, or null.</param>
/// <param name="Emergency">True for the emergency path (no gates, no smoke scenarios).</param>
/// <param name="DataRestored">True when the point's backup was restored.</param>
public sealed record RollbackOutcome(RollbackPoint Point, Release Release, string? PreviousVersion, bool Emergency, bool DataRestored)
{
    /// <summary>Why the rollback failed; null when the release serves.</summary>
    public string? Failure { get; init; }

    /// <summary>True when the rolled-back release serves.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The process exit code this outcome means: 0 only when the release serves.</summary>
    public int ExitCode => Succeeded ? 0 : 1;

    /// <summary>What to run next when it failed.</summary>
    public IReadOnlyList<Command> Remedies => Succeeded ? [] :
        [DeployEnvironment.Production.HealthCommand.With(Commands.Flags.Verbosity, "verbose"), Commands.Rollback.With(Commands.Flags.List)];

    /// <summary>One paragraph for the user.</summary>
    public string Describe() => Succeeded
        ? $"{Release.Version} from {Point.Tag}{(DataRestored ? ", data restored" : "")}"
        : $"Rollback to {Point.Tag} ({Release.Version}) failed: {Failure}. Check {Remedies[0]}; older points: {Remedies[1]}.";
}
