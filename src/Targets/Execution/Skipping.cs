namespace Targets;

/// <summary>
/// Marks targets skipped by <c>--skip</c> and by static conditions. A bare <c>--skip</c> keeps assured targets
/// (lock release, clean-up): only naming one skips it.
/// </summary>
internal static class Skipping
{
    public static void Apply(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget> invoked, Option? skip, IReadOnlyList<ExecutableTarget> all)
    {
        var named = skip?.Values.Select(name => TargetDiscovery.Named(all, name, "--skip names unknown target")).ToList();
        foreach (var target in plan)
        {
            var skipped = skip is null ? false : named!.Count > 0 ? named.Contains(target) : !invoked.Contains(target) && !target.Assured;
            var reason = skipped ? "--skip" : target.StaticConditions.FirstOrDefault(c => !c.Holds()) is { } condition ? $"condition false: {condition.Text}" : null;
            if (reason is not null)
                (target.Status, target.Reason) = (TargetStatus.Skipped, reason);
        }
    }
}
