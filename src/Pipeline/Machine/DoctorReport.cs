using Pipeline.Output;

namespace Pipeline.Machine;

/// <summary>What <see cref="Doctor"/> found, one check per prerequisite, in a fixed order.</summary>
public sealed record DoctorReport(IReadOnlyList<PrerequisiteCheck> Checks)
{
    private static readonly string[] Headers = ["Prerequisite", "Version", "Status", "Fix"];

    /// <summary>False when any required check is not <see cref="CheckStatus.Ok"/> or <see cref="CheckStatus.Warning"/>.</summary>
    public bool RequiredSatisfied => Checks.All(c => !c.Required || c.Status != CheckStatus.Missing);

    /// <summary>
    /// Writes a table (Prerequisite | Version | Status | Fix), then why each failed check failed and a one-line verdict.
    /// </summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Tables.Write(writer, Headers, Checks.Select(c => (IReadOnlyList<string>)[c.Name, c.Version ?? "-", StatusText(c), c.Fix ?? ""]), new TableOptions { WrapLast = true });
        foreach (var check in Checks.Where(c => c.Status != CheckStatus.Ok && c.Detail is not null))
            writer.WriteLine($"  {check.Name}: {check.Detail}");
        writer.WriteLine(RequiredSatisfied
            ? "All required prerequisites are satisfied."
            : $"{Checks.Count(c => c.Required && c.Status == CheckStatus.Missing)} required prerequisite(s) missing: run the fixes above, then '{Commands.Doctor}' again.");
    }

    private static string StatusText(PrerequisiteCheck check) =>
        check.Status.ToString().ToUpperInvariant() + (check.Required || check.Status == CheckStatus.Ok ? "" : " (optional)");
}
