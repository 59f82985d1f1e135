using System.Reflection;

namespace Targets;

/// <summary>Finds the <see cref="Target"/> properties of a build and resolves their relationships by delegate identity.</summary>
internal static class TargetDiscovery
{
    const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;

    public static IReadOnlyList<ExecutableTarget> Discover(NukeBuild build)
    {
        var targets = build.GetType().GetProperties(Members)
            .Where(p => p.PropertyType == typeof(Target) && p.GetMethod is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new ExecutableTarget(p.Name, (Target)p.GetValue(build)!))
            .ToList();
        var byDelegate = targets.ToDictionary(t => t.Factory);
        foreach (var target in targets)
        {
            foreach (var (list, reversed, other) in target.Relations)
            {
                var found = byDelegate.GetValueOrDefault(other)
                    ?? throw new BuildException($"Target {target.Name} refers to a target that is not a Target property of {build.GetType().Name}.");
                (reversed ? list(found) : list(target)).Add(reversed ? target : found);
            }
        }
        foreach (var stage in build.Stages)
        {
            foreach (var member in stage.Targets)
                byDelegate[member].Stage ??= stage.Name;
        }
        foreach (var target in targets)
        {
            foreach (var list in new[] { target.DependencyList, target.TriggerList, target.RunsAfterList })
            {
                var distinct = list.Distinct().ToList();
                list.Clear();
                list.AddRange(distinct);
            }
            foreach (var triggered in target.TriggerList)
                triggered.TriggeredByList.Add(target);
        }
        return targets;
    }
}
