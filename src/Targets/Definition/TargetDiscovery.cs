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
            .Select(p => Create(build, p))
            .ToList();
        var byDelegate = new Dictionary<Target, ExecutableTarget>();
        foreach (var target in targets)
            byDelegate[target.Factory] = target;

        foreach (var target in targets)
        {
            var d = target.Definition;
            ExecutableTarget Find(Target t) => byDelegate.TryGetValue(t, out var found) ? found
                : throw new BuildException($"Target {target.Name} refers to a target that is not a Target property of {build.GetType().Name}.");

            target.DependencyList.AddRange(d.DependsOnTargets.Select(Find));
            target.TriggerList.AddRange(d.TriggersTargets.Select(Find));
            target.RunsAfterList.AddRange(d.AfterTargets.Select(Find));
            foreach (var other in d.DependentForTargets.Select(Find))
                other.DependencyList.Add(target);
            foreach (var other in d.TriggeredByTargets.Select(Find))
                other.TriggerList.Add(target);
            foreach (var other in d.BeforeTargets.Select(Find))
                other.RunsAfterList.Add(target);
        }
        foreach (var stage in build.Stages)
        {
            foreach (var member in stage.Targets)
                byDelegate[member].Stage ??= stage.Name;
        }
        foreach (var target in targets)
        {
            Dedupe(target.DependencyList);
            Dedupe(target.TriggerList);
            Dedupe(target.RunsAfterList);
            foreach (var triggered in target.TriggerList)
                triggered.TriggeredByList.Add(target);
        }
        return targets;
    }

    static ExecutableTarget Create(NukeBuild build, PropertyInfo property)
    {
        var factory = (Target)property.GetValue(build)!;
        var definition = new TargetDefinition();
        factory(definition);
        return new ExecutableTarget(property.Name, factory, definition);
    }

    static void Dedupe(List<ExecutableTarget> list)
    {
        var distinct = list.Distinct().ToList();
        list.Clear();
        list.AddRange(distinct);
    }
}
