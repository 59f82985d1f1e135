namespace Pipeline.Machine;

/// <summary>What <see cref="Doctor"/> found, one check per prerequisite, in a fixed order.</summary>
public sealed record DoctorReport(IReadOnlyList<PrerequisiteCheck> Checks)
{
    private static readonly string[] Headers = ["Prerequisite", "Version", "Status", "Fix"];

    /// <summary>False when any required check is not <see cref="CheckStatus.Ok"/> or <see cref="CheckStatus.Warning"/>.</summary>
    public bool RequiredSatisfied => Checks.All(c => !c.Required || c.Status != CheckStatus.Missing);

    /// <summary>
    /// Writes a plain-text table (Prerequisite | Version | Status | Fix), then why each failed check failed and a
    /// one-line verdict. No colours or box characters, so it reads the same in a terminal and in a CI log.
    /// </summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rows = Checks.Select(c => new[] { c.Name, c.Version ?? "-", StatusText(c), c.Fix ?? "" }).ToList();
        var widths = Enumerable.Range(0, 3).Select(i => rows.Select(r => r[i].Length).Append(Headers[i].Length).Max()).ToArray();
        writer.WriteLine(Line(Headers, widths));
        writer.WriteLine(Line(widths.Select(w => new string('-', w)).Append("---").ToArray(), widths));
        foreach (var row in rows)
            writer.WriteLine(Line(row, widths));
        foreach (var check in Checks.Where(c => c.Status != CheckStatus.Ok && c.Detail is not null))
            writer.WriteLine($"  {check.Name}: {check.Detail}");
        writer.WriteLine(RequiredSatisfied
            ? "All required prerequisites are satisfied."
            : $"{Checks.Count(c => c.Required && c.Status == CheckStatus.Missing)} required prerequisite(s) missing: run the fixes above, then './build.sh Doctor' again.");
    }

    private static string StatusText(PrerequisiteCheck check) =>
        check.Status.ToString().ToUpperInvariant() + (check.Required || check.Status == CheckStatus.Ok ? "" : " (optional)");

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)).TrimEnd();
}
