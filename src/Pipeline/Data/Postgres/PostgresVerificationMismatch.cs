namespace Pipeline.Data.Postgres;

/// <summary>How a restored table differs from the facts read at backup time.</summary>
public enum PostgresMismatchKind
{
    /// <summary>The facts name the table; the restored database has no such table.</summary>
    MissingTable,

    /// <summary>The restored database has a table the facts do not name.</summary>
    UnexpectedTable,

    /// <summary>The row counts differ.</summary>
    RowCount,

    /// <summary>The row counts agree, the content does not.</summary>
    Checksum,
}

/// <summary>One table whose restored state differs from the facts read at backup time.</summary>
public sealed record PostgresVerificationMismatch(string Table, PostgresMismatchKind Kind, PostgresTableFacts? Expected, PostgresTableFacts? Actual)
{
    /// <summary>One phrase, e.g. <c>public.orders: 1,000 row(s) at backup time, 999 restored</c>.</summary>
    public string Describe() => Kind switch
    {
        PostgresMismatchKind.MissingTable => $"{Table}: in the facts ({Expected!.Rows:N0} row(s)), missing from the restored dump",
        PostgresMismatchKind.UnexpectedTable => $"{Table}: in the restored dump ({Actual!.Rows:N0} row(s)), not in the facts",
        PostgresMismatchKind.RowCount => $"{Table}: {Expected!.Rows:N0} row(s) at backup time, {Actual!.Rows:N0} restored",
        _ => $"{Table}: checksum {Expected!.Checksum} at backup time, {Actual!.Checksum} restored ({Actual.Rows:N0} row(s) both)",
    };

    /// <summary>Every difference between <paramref name="expected"/> and <paramref name="actual"/>, in table order.</summary>
    public static IReadOnlyList<PostgresVerificationMismatch> Compare(IReadOnlyList<PostgresTableFacts> expected, IReadOnlyList<PostgresTableFacts> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var restored = actual.ToDictionary(t => t.Table, StringComparer.Ordinal);
        var known = expected.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        return [.. expected.Select(e => restored.TryGetValue(e.Table, out var a)
                ? a.Rows != e.Rows ? new PostgresVerificationMismatch(e.Table, PostgresMismatchKind.RowCount, e, a)
                : a.Checksum != e.Checksum ? new PostgresVerificationMismatch(e.Table, PostgresMismatchKind.Checksum, e, a)
                : null
                : new PostgresVerificationMismatch(e.Table, PostgresMismatchKind.MissingTable, e, null))
            .Concat(actual.Where(a => !known.Contains(a.Table)).Select(a => new PostgresVerificationMismatch(a.Table, PostgresMismatchKind.UnexpectedTable, null, a)))
            .OfType<PostgresVerificationMismatch>()
            .OrderBy(m => m.Table, StringComparer.Ordinal)];
    }
}
