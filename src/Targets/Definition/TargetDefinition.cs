namespace Targets;

/// <summary>A condition or requirement with the source text it was written as.</summary>
internal sealed record Check(Func<bool> Holds, string Text);

/// <summary>Collects what a target's lambda declares.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public bool IsListed { get; private set; } = true;
    public List<string> Products { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    /// <summary>The delegates as written (actions, conditions, requirements): where <see cref="ParameterUse"/> looks.</summary>
    public List<Delegate> Code { get; } = [];
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Check> StaticConditions { get; } = [];
    public List<Check> DynamicConditions { get; } = [];
    public List<Check> Requirements { get; } = [];
    public DependencyBehavior SkippedBehavior { get; private set; }
    public bool Proceeds { get; private set; }
    public bool Assured { get; private set; }

    public ITargetDefinition Description(string description) => Do(() => DescriptionText = description);
    public ITargetDefinition Unlisted() => Do(() => IsListed = false);
    public ITargetDefinition Produces(params string[] paths) => Do(() => Products.AddRange(paths));
    public ITargetDefinition Executes(Action action) => Do(() => Actions.Add(_ => { action(); return Task.CompletedTask; }), action);
    public ITargetDefinition Executes(Func<Task> action) => Do(() => Actions.Add(_ => action()), action);
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) => Do(() => Actions.Add(action), action);
    public ITargetDefinition DependsOn(params Target[] targets) => Do(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Do(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Do(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Do(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => Do(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Do(() => TriggeredByTargets.AddRange(targets));
    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? text = null) => Do(() => StaticConditions.Add(new(condition, Lambda.Body(text))), condition);
    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? text = null) => Do(() => DynamicConditions.Add(new(condition, Lambda.Body(text))), condition);
    public ITargetDefinition WhenSkipped(DependencyBehavior behavior) => Do(() => SkippedBehavior = behavior);
    public ITargetDefinition Requires(Func<object?> member, string? text = null) => Do(() => Requirements.Add(new(() => IsSet(member()), Lambda.Body(text))), member);
    public ITargetDefinition Requires(Func<bool> condition, string? text = null) => Do(() => Requirements.Add(new(condition, Lambda.Body(text))), condition);
    public ITargetDefinition ProceedAfterFailure() => Do(() => Proceeds = true);
    public ITargetDefinition AssuredAfterFailure() => Do(() => Assured = true);

    /// <summary>True when the requirement was written in member form (<c>() =&gt; Tag</c>).</summary>
    internal static bool IsMemberForm(string text) => text.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');

    static bool IsSet(object? value) => value switch
    {
        null => false,
        string s => !string.IsNullOrWhiteSpace(s),
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    TargetDefinition Do(Action change, Delegate? code = null)
    {
        change();
        if (code is not null)
            Code.Add(code);
        return this;
    }
}

/// <summary>Turns the source text of a lambda into the text worth showing.</summary>
internal static class Lambda
{
    public static string Body(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "condition";
        var arrow = text.IndexOf("=>", StringComparison.Ordinal);
        return (arrow >= 0 ? text[(arrow + 2)..] : text).Trim();
    }
}
