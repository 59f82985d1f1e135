namespace Targets;

/// <summary>Orders the targets a run needs: dependencies first, triggers after, Before/After respected, cycles named.</summary>
internal static class ExecutionPlanner
{
    /// <summary>Fails, naming the cycle, when the targets' ordering relations form a loop.</summary>
    public static void CheckForCycles(IReadOnlyList<ExecutableTarget> all) => Order(all, all.ToHashSet(), all);

    /// <summary>The targets to run for <paramref name="invoked"/>, in execution order.</summary>
    public static IReadOnlyList<ExecutableTarget> Plan(IReadOnlyList<ExecutableTarget> all, IReadOnlyList<ExecutableTarget> invoked)
    {
        var scheduled = Schedule(invoked);
        return Order(invoked, scheduled, all);
    }

    /// <summary>The targets plus everything they depend on and trigger, to a fixpoint; <paramref name="prune"/> drops a target's dependencies.</summary>
    internal static HashSet<ExecutableTarget> Schedule(IEnumerable<ExecutableTarget> invoked, Func<ExecutableTarget, bool>? prune = null)
    {
        var scheduled = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
        {
            if (!scheduled.Add(target))
                continue;
            foreach (var next in (prune?.Invoke(target) == true ? [] : target.DependencyList).Concat(target.TriggerList))
                pending.Push(next);
        }
        return scheduled;
    }

    static List<ExecutableTarget> Order(IEnumerable<ExecutableTarget> roots, HashSet<ExecutableTarget> scheduled, IReadOnlyList<ExecutableTarget> all)
    {
        var order = new List<ExecutableTarget>();
        var done = new HashSet<ExecutableTarget>();
        var path = new List<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            if (done.Contains(target))
                return;
            var index = path.IndexOf(target);
            if (index >= 0)
            {
                var cycle = path.Skip(index).Append(target).Select(t => t.Name);
                throw new BuildException($"Circular target dependencies: {string.Join(" -> ", cycle)} (each needs the next to run first). Remove one of these DependsOn/After/Before/Triggers relations.");
            }
            path.Add(target);
            foreach (var before in Predecessors(target, scheduled))
                Visit(before);
            path.RemoveAt(path.Count - 1);
            done.Add(target);
            order.Add(target);
            // A triggered target on the path is waiting for this one (its TriggeredBy predecessor) and follows it anyway.
            foreach (var triggered in target.TriggerList.Where(t => scheduled.Contains(t) && !path.Contains(t)))
                Visit(triggered);
        }

        foreach (var root in roots.Concat(all).Where(scheduled.Contains))
            Visit(root);
        return order;
    }

    /// <summary>Everything that must come before <paramref name="target"/> among the scheduled targets.</summary>
    internal static IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target, IReadOnlySet<ExecutableTarget> scheduled) =>
        target.DependencyList
            .Concat(target.TriggeredByList.Where(scheduled.Contains))
            .Concat(target.RunsAfterList.Where(scheduled.Contains))
            .Distinct();
}
