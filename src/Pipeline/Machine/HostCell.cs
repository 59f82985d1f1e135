namespace Pipeline.Machine;

/// <summary>One cell of a host's row in <c>Doctor --environment</c>: what was found there and, when it is not fine, the exact fix.</summary>
/// <param name="Status">The outcome; null when it was not checked because an earlier cell of the row failed, or does not apply to the host.</param>
/// <param name="Text">What was found, short enough for a table cell: a version, a size, a state.</param>
/// <param name="Fix">The exact command or step that fixes it; null when nothing needs fixing.</param>
/// <param name="Detail">Why it failed or what it found, for the lines under the table; null when the text says it all.</param>
public sealed record HostCell(CheckStatus? Status, string Text, string? Fix = null, string? Detail = null)
{
    /// <summary>A satisfied check.</summary>
    public static HostCell Ok(string text, string? detail = null) => new(CheckStatus.Ok, text, null, detail);

    /// <summary>A failed check with its fix.</summary>
    public static HostCell Failed(string text, string fix, string? detail = null) => new(CheckStatus.Missing, text, fix, detail);

    /// <summary>Usable, but something needs attention; the fix says what.</summary>
    public static HostCell Warning(string text, string fix, string? detail = null) => new(CheckStatus.Warning, text, fix, detail);

    /// <summary>Not checked: <paramref name="why"/> (for example, the host could not be reached).</summary>
    public static HostCell NotChecked(string why = "-") => new(null, why);

    /// <summary>The cell as the table shows it: <c>OK 20.10.24</c>, <c>FAILED unreachable</c>, <c>-</c>.</summary>
    public override string ToString() => Status switch
    {
        null => Text,
        CheckStatus.Missing => $"FAILED {Text}".TrimEnd(),
        var status => $"{status.ToString()!.ToUpperInvariant()} {Text}".TrimEnd(),
    };
}
