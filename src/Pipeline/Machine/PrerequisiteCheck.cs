namespace Pipeline.Machine;

/// <summary>One row of the <see cref="Doctor"/> report.</summary>
/// <param name="Name">What was checked, as a user would call it (".NET SDK", "Docker engine").</param>
/// <param name="Version">The version found, or what was measured; null when nothing was found.</param>
/// <param name="Status">Whether it is usable.</param>
/// <param name="Required">True when the pipeline cannot work without it.</param>
/// <param name="Fix">The exact command or step that fixes it; null when nothing needs fixing.</param>
/// <param name="Detail">Where it was found, or why it failed.</param>
public sealed record PrerequisiteCheck(string Name, string? Version, CheckStatus Status, bool Required, string? Fix, string? Detail)
{
    /// <summary>A satisfied check.</summary>
    public static PrerequisiteCheck Ok(string name, string? version, string? detail = null) =>
        new(name, version, CheckStatus.Ok, true, null, detail);

    /// <summary>A failed required check with its fix.</summary>
    public static PrerequisiteCheck Missing(string name, string? version, string fix, string? detail) =>
        new(name, version, CheckStatus.Missing, true, fix, detail);
}
