namespace Targets;

/// <summary>The fluent definition of a target, in NUKE's shape.</summary>
public interface ITargetDefinition
{
    /// <summary>One line shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>Hides the target from <c>--help</c>; it can still be invoked.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Declares what the target writes (paths or globs relative to the root), e.g. for CI to publish as artifacts.</summary>
    ITargetDefinition Produces(params string[] paths);

    /// <summary>Adds an action.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Adds an asynchronous action.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Adds an asynchronous action that observes Ctrl-C and SIGTERM.</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>These targets run before this one, and are scheduled with it.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target runs before those, and is scheduled whenever they are.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>When both are scheduled, this target runs before those.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>When both are scheduled, this target runs after those.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Those targets are scheduled after this one whenever this one is.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>This target is scheduled after those whenever they are.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>A condition evaluated before the run starts; the target is skipped when it is false.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>A condition evaluated just before the target runs; the target is skipped when it is false.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>The member (usually a parameter) must be set: not null, not empty. Checked before any target runs.</summary>
    ITargetDefinition Requires(Func<object?> member, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(member))] string? text = null);

    /// <summary>The condition must hold. Checked before any target runs.</summary>
    ITargetDefinition Requires(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>When this target fails, the run goes on with the targets that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after a failure or Ctrl-C (for example, to release a lock).</summary>
    ITargetDefinition AssuredAfterFailure();
}
