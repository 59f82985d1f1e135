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

        // Targets reachable from the invoked ones without passing through a target skipped with DependencyBehavior.Skip.
        var needed = ExecutionPlanner.Schedule(invoked, t => t.Status == TargetStatus.Skipped && t.SkippedBehavior == DependencyBehavior.Skip);
        foreach (var target in plan.Where(t => t.Status != TargetStatus.Skipped && !needed.Contains(t)))
            Skip(target, "only needed by skipped targets");
    }

    static void Skip(ExecutableTarget target, string reason) => (target.Status, target.Reason) = (TargetStatus.Skipped, reason);
}
