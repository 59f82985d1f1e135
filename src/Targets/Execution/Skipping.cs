namespace Targets;

/// <summary>
/// Marks targets skipped by <c>--skip</c> and by static conditions (with <see cref="DependencyBehavior.Skip"/>).
/// A bare <c>--skip</c> keeps assured targets (lock release, clean-up): only naming one skips it.
/// </summary>
internal static class Skipping
{
    public static void Apply(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget> invoked, Option? skip, IReadOnlyList<ExecutableTarget> all)
    {
        if (skip is not null)
        {
            var named = skip.Values.Select(name => all.FirstOrDefault(t => Names.Normalize(t.Name) == Names.Normalize(name))
                ?? throw new UsageException($"--skip names unknown target '{name}'.{BuildHost.Suggest(name, all)}")).ToList();
            foreach (var target in plan.Where(t => named.Count > 0 ? named.Contains(t) : !invoked.Contains(t) && !t.Assured))
                Skip(target, "--skip");
        }

        foreach (var target in plan.Where(t => t.Status != TargetStatus.Skipped))
        {
            var condition = target.StaticConditions.FirstOrDefault(c => !c.Holds());
            if (condition is not null)
                Skip(target, $"condition false: {condition.Text}");
        }

        var needed = Needed(invoked);
        foreach (var target in plan.Where(t => t.Status != TargetStatus.Skipped && !needed.Contains(t)))
            Skip(target, "only needed by skipped targets");
    }

    /// <summary>Targets reachable from the invoked ones without passing through a target skipped with <see cref="DependencyBehavior.Skip"/>.</summary>
    static HashSet<ExecutableTarget> Needed(IEnumerable<ExecutableTarget> invoked)
    {
        var needed = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
        {
            if (!needed.Add(target))
                continue;
            var prune = target.Status == TargetStatus.Skipped && target.SkippedBehavior == DependencyBehavior.Skip;
            foreach (var next in (prune ? [] : target.DependencyList).Concat(target.TriggerList))
                pending.Push(next);
        }
        return needed;
    }

    static void Skip(ExecutableTarget target, string reason) => (target.Status, target.Reason) = (TargetStatus.Skipped, reason);
}
