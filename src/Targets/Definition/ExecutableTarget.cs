namespace Targets;

/// <summary>A condition or requirement with the source text it was written as.</summary>
internal sealed record Check(Func<bool> Holds, string Text);

/// <summary>A discovered target: what its lambda declared, its resolved relationships and, after a run, its outcome.</summary>
public sealed class ExecutableTarget : ITargetDefinition
{
    internal ExecutableTarget(string name, Target factory)
    {
        Name = name;
        Factory = factory;
        factory(this);
    }

    /// <summary>The target's name: the property name.</summary>
    public string Name { get; }

    /// <summary>What the target declares it writes (<see cref="ITargetDefinition.Produces"/>), relative to the root.</summary>
    public IReadOnlyList<string> Products { get; private set; } = [];

    /// <summary>Targets that must run and succeed before this one: its DependsOn and the targets DependentFor it.</summary>
    public IReadOnlyList<ExecutableTarget> Dependencies => DependencyList;

    /// <summary>Targets scheduled after this one whenever it is.</summary>
    public IReadOnlyList<ExecutableTarget> Triggers => TriggerList;

    internal string? Description { get; private set; }
    internal bool IsListed { get; private set; } = true;
    internal string? Stage { get; set; }
    internal bool IsDefault { get; init; }
    internal TargetStatus Status { get; set; }
    internal string? Reason { get; set; }
    internal TimeSpan Duration { get; set; }

    /// <summary>Notes added with <see cref="NukeBuild.ReportSummary(string, object?)"/>.</summary>
    internal Dictionary<string, string> Summary { get; } = [];
    internal Target Factory { get; }
    internal List<Func<CancellationToken, Task>> Actions { get; } = [];

    /// <summary>The delegates as written (actions, conditions, requirements): where <see cref="ParameterUse"/> looks.</summary>
    internal List<Delegate> Code { get; } = [];
    internal List<Check> StaticConditions { get; } = [];
    internal List<Check> DynamicConditions { get; } = [];
    internal List<Check> Requirements { get; } = [];
    internal bool Proceeds { get; private set; }
    internal bool Assured { get; private set; }

    /// <summary>Declared relations, resolved by <see cref="TargetDiscovery"/>: which list of which end gets the other end.</summary>
    internal List<(Func<ExecutableTarget, List<ExecutableTarget>> List, bool Reversed, Target Other)> Relations { get; } = [];
    internal List<ExecutableTarget> DependencyList { get; } = [];
    internal List<ExecutableTarget> TriggerList { get; } = [];
    internal List<ExecutableTarget> RunsAfterList { get; } = [];

    ITargetDefinition ITargetDefinition.Description(string description) => Do(() => Description = description);
    ITargetDefinition ITargetDefinition.Unlisted() => Do(() => IsListed = false);
    ITargetDefinition ITargetDefinition.Produces(params string[] paths) => Do(() => Products = [.. Products, .. paths]);
    ITargetDefinition ITargetDefinition.Executes(Action action) => Do(() => Actions.Add(_ => { action(); return Task.CompletedTask; }), action);
    ITargetDefinition ITargetDefinition.Executes(Func<Task> action) => Do(() => Actions.Add(_ => action()), action);
    ITargetDefinition ITargetDefinition.Executes(Func<CancellationToken, Task> action) => Do(() => Actions.Add(action), action);
    ITargetDefinition ITargetDefinition.DependsOn(params Target[] targets) => Relate(t => t.DependencyList, false, targets);
    ITargetDefinition ITargetDefinition.DependentFor(params Target[] targets) => Relate(t => t.DependencyList, true, targets);
    ITargetDefinition ITargetDefinition.After(params Target[] targets) => Relate(t => t.RunsAfterList, false, targets);
    ITargetDefinition ITargetDefinition.Before(params Target[] targets) => Relate(t => t.RunsAfterList, true, targets);
    ITargetDefinition ITargetDefinition.Triggers(params Target[] targets) => Relate(t => t.TriggerList, false, targets);
    ITargetDefinition ITargetDefinition.TriggeredBy(params Target[] targets) => Relate(t => t.TriggerList, true, targets);
    ITargetDefinition ITargetDefinition.OnlyWhenStatic(Func<bool> condition, string? text) => Do(() => StaticConditions.Add(new(condition, Body(text))), condition);
    ITargetDefinition ITargetDefinition.OnlyWhenDynamic(Func<bool> condition, string? text) => Do(() => DynamicConditions.Add(new(condition, Body(text))), condition);
    ITargetDefinition ITargetDefinition.Requires(Func<object?> member, string? text) => Do(() => Requirements.Add(new(() => IsSet(member()), Body(text))), member);
    ITargetDefinition ITargetDefinition.Requires(Func<bool> condition, string? text) => Do(() => Requirements.Add(new(condition, Body(text))), condition);
    ITargetDefinition ITargetDefinition.ProceedAfterFailure() => Do(() => Proceeds = true);
    ITargetDefinition ITargetDefinition.AssuredAfterFailure() => Do(() => Assured = true);

    /// <inheritdoc />
    public override string ToString() => Name;

    static bool IsSet(object? value) =>
        value is not (null or System.Collections.ICollection { Count: 0 }) && (value is not string s || !string.IsNullOrWhiteSpace(s));

    /// <summary>The source text of a lambda, without its parameter list: what is worth showing.</summary>
    static string Body(string? text) => string.IsNullOrWhiteSpace(text) ? "condition"
        : (text.IndexOf("=>", StringComparison.Ordinal) is var arrow and >= 0 ? text[(arrow + 2)..] : text).Trim();

    ExecutableTarget Relate(Func<ExecutableTarget, List<ExecutableTarget>> list, bool reversed, Target[] targets) =>
        Do(() => Relations.AddRange(targets.Select(t => (list, reversed, t))));

    ExecutableTarget Do(Action change, Delegate? code = null)
    {
        change();
        if (code is not null)
            Code.Add(code);
        return this;
    }
}
