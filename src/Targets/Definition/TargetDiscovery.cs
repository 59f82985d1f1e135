using System.Reflection;

namespace Targets;

/// <summary>Finds the <see cref="Target"/> properties of a build and resolves their relationships by delegate identity, naming any cycle.</summary>
internal static class TargetDiscovery
{
    public static IEnumerable<PropertyInfo> Properties(Type build) =>
        build.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy)
            .Where(p => p.PropertyType == typeof(Target) && p.GetMethod is not null)
            .OrderBy(p => p.MetadataToken);

    public static IReadOnlyList<ExecutableTarget> Discover(NukeBuild build, IReadOnlyList<string> defaults)
    {
        var targets = Properties(build.GetType()).Select(p => new ExecutableTarget(p.Name, (Target)p.GetValue(build)!) { IsDefault = defaults.Contains(p.Name) }).ToList();
        var byDelegate = targets.ToDictionary(t => t.Factory);
        foreach (var (target, (list, reversed, other)) in targets.SelectMany(t => t.Relations.Select(r => (t, r))))
        {
            var found = byDelegate.GetValueOrDefault(other)
                ?? throw new BuildException($"Target {target.Name} refers to a target that is not a Target property of {build.GetType().Name}.");
            var (from, to) = reversed ? (found, target) : (target, found);
            if (!list(from).Contains(to))
                list(from).Add(to);
        }
        foreach (var (stage, member) in build.PipelineStages.SelectMany(s => s.Targets.Select(t => (s.Name, t))))
            byDelegate[member].Stage ??= stage;
        ExecutionPlanner.CheckForCycles(targets);
        return targets;
    }

    /// <summary>The target called <paramref name="name"/> (case and dashes ignored), else a usage error with a "did you mean" among the listed targets.</summary>
    public static ExecutableTarget Named(IReadOnlyList<ExecutableTarget> targets, string name, string problem)
    {
        var listed = targets.Where(t => t.IsListed).Select(t => t.Name).ToList();
        return targets.FirstOrDefault(t => Names.Same(t.Name, name)) ?? throw new UsageException(
            $"{problem} '{name}'.{(Names.Hint(name, listed) is { Length: > 0 } hint ? hint : $" Targets: {string.Join(", ", listed)}.")} Run './build.sh --help' for what each does.");
    }
}
