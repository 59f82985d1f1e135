namespace Targets;

/// <summary>A discovered target with its resolved relationships and, after a run, its outcome.</summary>
public sealed class ExecutableTarget
{
    internal ExecutableTarget(string name, Target factory, TargetDefinition definition)
    {
        Name = name;
        Factory = factory;
        Definition = definition;
    }

    /// <summary>The target's name: the property name.</summary>
    public string Name { get; }

    /// <summary>The description shown by <c>--help</c>.</summary>
    public string? Description => Definition.DescriptionText;

    /// <summary>False for targets marked <see cref="ITargetDefinition.Unlisted"/>.</summary>
    public bool IsListed => Definition.IsListed;

    /// <summary>What the target declares it writes (<see cref="ITargetDefinition.Produces"/>), relative to the root.</summary>
    public IReadOnlyList<string> Products => Definition.Products;

    /// <summary>The stage the build puts it in (<see cref="NukeBuild.PipelineStages"/>), if any.</summary>
    public string? Stage { get; internal set; }

    /// <summary>True for the targets run when none is given.</summary>
    public bool IsDefault { get; internal set; }

    /// <summary>The outcome after a run.</summary>
    public TargetStatus Status { get; internal set; }

    /// <summary>Why the target was skipped or not run, when it was.</summary>
    public string? Reason { get; internal set; }

    /// <summary>How long the target ran.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Notes added with <see cref="NukeBuild.ReportSummary(string, object?)"/>.</summary>
    public IDictionary<string, string> Summary { get; } = new Dictionary<string, string>();

    /// <summary>Targets that must run and succeed before this one: its DependsOn and the targets DependentFor it.</summary>
    public IReadOnlyList<ExecutableTarget> Dependencies => DependencyList;

    /// <summary>Targets scheduled after this one whenever it is.</summary>
    public IReadOnlyList<ExecutableTarget> Triggers => TriggerList;

    internal Target Factory { get; }
    internal TargetDefinition Definition { get; }
    internal List<ExecutableTarget> DependencyList { get; } = [];
    internal List<ExecutableTarget> TriggerList { get; } = [];
    internal List<ExecutableTarget> RunsAfterList { get; } = [];
    internal List<ExecutableTarget> TriggeredByList { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;
}
