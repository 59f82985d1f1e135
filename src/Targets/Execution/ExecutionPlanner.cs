namespace Targets;

/// <summary>
/// Plans a run: orders the targets it needs (dependencies first, triggers after, Before/After respected, cycles named),
/// marks the ones <c>--skip</c> and static conditions skip, and checks the requirements of the rest before any runs.
/// </summary>
internal static class ExecutionPlanner
{
    /// <summary>Fails, naming the cycle, when the targets' ordering relations form a loop.</summary>
    public static void CheckForCycles(IReadOnlyList<ExecutableTarget> all) => Order(all, all.ToHashSet(), all);

    public static IReadOnlyList<ExecutableTarget> Plan(IReadOnlyList<ExecutableTarget> all, IReadOnlyList<ExecutableTarget> invoked) =>
        Order(invoked, Schedule(invoked), all);

    /// <summary>The targets plus everything they depend on and trigger, to a fixpoint.</summary>
    static HashSet<ExecutableTarget> Schedule(IEnumerable<ExecutableTarget> invoked)
    {
        var scheduled = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
        {
            if (scheduled.Add(target))
                target.DependencyList.Concat(target.TriggerList).ToList().ForEach(pending.Push);
        }
        return scheduled;
    }

    static List<ExecutableTarget> Order(IEnumerable<ExecutableTarget> roots, HashSet<ExecutableTarget> scheduled, IReadOnlyList<ExecutableTarget> all)
    {
        var order = new List<ExecutableTarget>();
        var path = new List<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            if (order.Contains(target))
                return;
            if (path.Contains(target))
            {
                var cycle = path.SkipWhile(t => t != target).Append(target).Select(t => t.Name);
                throw new BuildException($"Circular target dependencies: {string.Join(" -> ", cycle)} (each needs the next to run first). Remove one of these DependsOn/After/Before/Triggers relations.");
            }
            path.Add(target);
            foreach (var before in target.DependencyList.Concat(all.Where(t => t.TriggerList.Contains(target)).Concat(target.RunsAfterList).Where(scheduled.Contains)))
                Visit(before);
            path.Remove(target);
            order.Add(target);
            // A triggered target on the path is waiting for this one (its TriggeredBy predecessor) and follows it anyway.
            foreach (var triggered in target.TriggerList.Where(t => scheduled.Contains(t) && !path.Contains(t)))
                Visit(triggered);
        }

        foreach (var root in roots.Concat(all).Where(scheduled.Contains))
            Visit(root);
        return order;
    }

    /// <summary>Marks targets skipped by <c>--skip</c> and by static conditions. A bare <c>--skip</c> keeps assured targets (lock release, clean-up): only naming one skips it.</summary>
    public static void Skip(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget> invoked, Option? skip, IReadOnlyList<ExecutableTarget> all)
    {
        var named = skip?.Values.Select(name => TargetDiscovery.Named(all, name, "--skip names unknown target")).ToList();
        foreach (var target in plan)
        {
            var skipped = named is not null && (named.Count > 0 ? named.Contains(target) : !invoked.Contains(target) && !target.Assured);
            var reason = skipped ? "--skip" : target.StaticConditions.FirstOrDefault(c => !c.Holds()) is { } condition ? $"condition false: {condition.Text}" : null;
            if (reason is not null)
                (target.Status, target.Reason) = (TargetStatus.Skipped, reason);
        }
    }

    /// <summary>Fails, running nothing, when a requirement of a target that is not skipped does not hold.</summary>
    public static void CheckRequirements(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = plan.Where(t => t.Status != TargetStatus.Skipped)
            .SelectMany(t => t.Requirements.Where(r => !r.Holds()).Select(r => Problem(t, r.Text, parameters))).ToList();
        if (problems.Count > 0)
            throw new UsageException("Nothing was run; requirements not met:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>How to set the parameter a member requirement names, or the parameters a boolean requirement mentions.</summary>
    static string Problem(ExecutableTarget target, string requirement, IReadOnlyList<ParameterMember> parameters)
    {
        if (parameters.FirstOrDefault(p => Names.Same(p.Name, requirement)) is { } parameter)
            return $"{target.Name} needs --{parameter.CliName} (or the environment variable {parameter.Name.ToUpperInvariant()}, or \"{parameter.Name}\" in .nuke/parameters.json).";
        var options = parameters.Where(p => System.Text.RegularExpressions.Regex.IsMatch(requirement, $@"\b{p.Name}\b")).Select(p => "--" + p.CliName).ToList();
        return $"{target.Name} requires {requirement}." + (options.Count == 0 ? "" : $" Set it with {string.Join(" or ", options)}.");
    }
}
