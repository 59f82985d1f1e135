namespace Pipeline.Data.Postgres;

/// <summary>
/// What a Postgres sanitization did: the report shared with SQLite, the production values to look for afterwards, and how many
/// values got a numbered fake to keep a unique column unique.
/// </summary>
public sealed record PostgresSanitization(SanitizationReport Report, PostgresLeakSample Sample, int Renumbered)
{
    /// <summary>One line for the log (no value in it).</summary>
    public string Describe() => Report.Describe() + (Renumbered > 0 ? $"; {Renumbered} fake(s) numbered to keep unique columns unique" : "");
}

/// <summary>
/// A bounded sample of production's email, phone and name values (never logged: <see cref="ToString"/> gives only the count),
/// which must not appear anywhere in staging after a sync. Values equal to some fake are left out (a real "Alex Baker").
/// </summary>
public sealed class PostgresLeakSample(IReadOnlyList<string> values)
{
    /// <summary>The values.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <summary>The count only.</summary>
    public override string ToString() => $"{Values.Count} production value(s)";
}
