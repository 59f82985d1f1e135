namespace Pipeline.GitHub.Actions;

/// <summary>What the generator knows of the build class: its targets and parameters, by name.</summary>
/// <param name="Source">The file that declares the workflows, for the generated header, e.g. <c>build/Build.CI.cs</c>.</param>
/// <param name="Targets">The names of the build's targets.</param>
/// <param name="Parameters">The build's parameters.</param>
public sealed record BuildShape(string Source, IReadOnlyList<string> Targets, IReadOnlyList<BuildParameter> Parameters)
{
    /// <summary>Per target: the paths it declares it writes (<c>.Produces(...)</c>), relative to the root.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Products { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Per target: every target running it runs (its dependencies, itself, what it triggers); a target missing here runs only itself.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Runs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Every target running <paramref name="targets"/> runs, each once, in order.</summary>
    public IReadOnlyList<string> RunsOf(IEnumerable<string> targets) =>
        [.. targets.SelectMany(t => Runs.TryGetValue(t, out var run) ? run : [t]).Distinct()];

    /// <summary>What running <paramref name="targets"/> writes: the declared outputs of every target it runs, each once.</summary>
    public IReadOnlyList<string> ProductsOf(IEnumerable<string> targets) =>
        [.. RunsOf(targets).SelectMany(t => Products.TryGetValue(t, out var paths) ? paths : []).Distinct()];
}

/// <summary>A parameter of the build.</summary>
/// <param name="Name">Its name, which is also the environment variable that sets it, e.g. <c>RegistryPassword</c>.</param>
/// <param name="Description">What <c>--help</c> says about it.</param>
/// <param name="IsSecret">True when its value is masked in logs.</param>
public sealed record BuildParameter(string Name, string? Description, bool IsSecret)
{
    /// <summary>True for a boolean parameter (a flag).</summary>
    public bool IsFlag { get; init; }

    /// <summary>The allowed values of an enumeration parameter; empty for free text.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
