namespace Pipeline.Data.Postgres;

/// <summary>One table of a backup compared with the live database: its rows now and in the backup, and whether it changed.</summary>
public sealed record PostgresTableLoss(string Table, long RowsNow, long RowsInBackup, bool Changed)
{
    /// <summary>The rows a restore would take away: those the table has now beyond the backup's (never below zero).</summary>
    public long RowsLost => Math.Max(0, RowsNow - RowsInBackup);
}

/// <summary>
/// What restoring a Postgres backup would undo in the live database: per table of the backup, its rows now against the
/// backup's. <see cref="Changed"/> is true when any table's rows or checksum differ, or a table of the backup is gone;
/// a caller refuses the restore then unless it was told to accept the loss (<c>--force-data-loss</c>), quoting <see cref="Describe"/>.
/// </summary>
public sealed record PostgresRestoreLoss(string BackupId, IReadOnlyList<PostgresTableLoss> Tables)
{
    /// <summary>The rows a restore would take away, over all tables.</summary>
    public long RowsLost => Tables.Sum(t => t.RowsLost);

    /// <summary>True when the live database differs from the backup in any of the backup's tables.</summary>
    public bool Changed => Tables.Any(t => t.Changed);

    /// <summary>One line, e.g. <c>the data has changed since backup X in 2 table(s); 12 row(s) would be lost: public.orders 10, public.users 2</c>.</summary>
    public string Describe()
    {
        var changed = Tables.Where(t => t.Changed).ToList();
        if (changed.Count == 0)
            return $"the data has not changed since backup {BackupId}: no rows would be lost";
        var lost = Tables.Where(t => t.RowsLost > 0).Select(t => $"{t.Table} {t.RowsLost:N0}").ToList();
        return $"the data has changed since backup {BackupId} in {changed.Count} table(s) ({string.Join(", ", changed.Select(t => t.Table))}); " +
            (lost.Count == 0 ? "no rows would be lost by count, but changed rows would be put back" : $"{RowsLost:N0} row(s) would be lost: {string.Join(", ", lost)}");
    }

    /// <summary>The backup's tables against <paramref name="now"/> (a table of the backup that is gone counts as having no rows).</summary>
    public static PostgresRestoreLoss Compare(string backupId, IReadOnlyList<PostgresTableFacts> backup, IReadOnlyList<PostgresTableFacts> now)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(now);
        var live = now.ToDictionary(t => t.Table, StringComparer.Ordinal);
        return new(backupId, [.. backup.Select(b => live.TryGetValue(b.Table, out var n)
            ? new PostgresTableLoss(b.Table, n.Rows, b.Rows, n.Rows != b.Rows || n.Checksum != b.Checksum)
            : new PostgresTableLoss(b.Table, 0, b.Rows, Changed: true))]);
    }
}
