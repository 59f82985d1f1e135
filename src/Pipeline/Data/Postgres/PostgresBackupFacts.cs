namespace Pipeline.Data.Postgres;

/// <summary>
/// What a Postgres backup's manifest records beside the dump: the server's version and, for every user table, its row
/// count and checksum, read in the same snapshot as the dump (so the restored dump must show exactly these).
/// </summary>
public sealed record PostgresBackupFacts(string ServerVersion, IReadOnlyList<PostgresTableFacts> Tables)
{
    /// <summary>The rows of all tables.</summary>
    public long Rows => Tables.Sum(t => t.Rows);
}
