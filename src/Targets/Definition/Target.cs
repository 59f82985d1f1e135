namespace Targets;

/// <summary>
/// A build target: a property of the build class whose lambda configures an <see cref="ITargetDefinition"/>.
/// The property name is the target name; the delegate is its identity.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>The outcome of a target in a run: None while scheduled, Aborted when cancelled while running.</summary>
internal enum TargetStatus
{
    None,
    Succeeded,
    Failed,
    Skipped,
    NotRun,
    Aborted,
}
