namespace Pipeline.Debugging;

/// <summary>A replay that runs.</summary>
/// <param name="Container">The container name.</param>
/// <param name="Image">The debug image it runs.</param>
/// <param name="Url">Where it answers.</param>
/// <param name="OmittedVariables">Variables not passed because their values were masked in the snapshot.</param>
/// <param name="Seeded">True when it got the snapshot's database.</param>
/// <param name="Source">The snapshot's environment and version, such as <c>production 1.2.3</c>.</param>
public sealed record ReplayResult(string Container, string Image, Uri Url, IReadOnlyList<string> OmittedVariables, bool Seeded, string Source)
{
    /// <summary>One line for the console.</summary>
    public string Describe() =>
        $"{Source} replays at {Url} ({Container}, {Image}{(Seeded ? ", sanitized data" : ", no data in the snapshot")}). Remove it with {Commands.DebugLocal.With(Commands.Flags.Stop)}";
}
