namespace Targets;

/// <summary>Orders the targets a run needs: dependencies first, triggers after, Before/After respected, cycles named.</summary>
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
            foreach (var before in target.DependencyList.Concat(target.TriggeredByList.Concat(target.RunsAfterList).Where(scheduled.Contains)))
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
}
