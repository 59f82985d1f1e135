namespace Targets;

/// <summary>
/// A build target: a property of the build class whose lambda configures an <see cref="ITargetDefinition"/>.
/// The property name is the target name; the delegate is its identity.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>What happens to a target's DependencyList when the target is skipped by a static condition.</summary>
public enum DependencyBehavior
{
    /// <summary>Dependencies still run (the default).</summary>
    Execute,

    /// <summary>Dependencies are skipped too, unless another scheduled target needs them.</summary>
    Skip,
}

/// <summary>The outcome of a target in a run.</summary>
public enum TargetStatus
{
    /// <summary>Scheduled, not started yet.</summary>
    None,

    /// <summary>Ran to completion.</summary>
    Succeeded,

    /// <summary>Threw an exception.</summary>
    Failed,

    /// <summary>Not run because of a condition or <c>--skip</c>.</summary>
    Skipped,

    /// <summary>Not run because an earlier target failed or the run was cancelled.</summary>
    NotRun,

    /// <summary>Was running when the run was cancelled (Ctrl-C, SIGTERM).</summary>
    Aborted,
}
