namespace Pipeline.Data.Postgres;

/// <summary>
/// The outcome of restoring a backup (into a throwaway server, or into the accessory by a restore) and comparing the
/// restored tables with the facts read at backup time. A backup that did not verify (<see cref="Verified"/> false) must
/// stop the promotion before anything changes: <see cref="PromotionStop"/> says so, naming each table that differs;
/// <see cref="Problem"/> is set when the archive could not even be restored.
/// </summary>
public sealed record PostgresVerification(string BackupId, string RestoredInto, int Tables, long Rows, IReadOnlyList<PostgresVerificationMismatch> Mismatches, string? Problem, TimeSpan Took)
{
    /// <summary>True when the dump restored and every table's rows and checksum match the facts.</summary>
    public bool Verified => Problem is null && Mismatches.Count == 0;

    /// <summary>One line for the log and the audit entry.</summary>
    public string Describe() => Verified
        ? $"backup {BackupId} verified: restored into {RestoredInto}, its {Tables} table(s) and {Rows:N0} row(s) match the facts read at backup time ({Took.TotalSeconds:F1} s)"
        : Problem is not null
            ? $"backup {BackupId} did not verify: {Problem}"
            : $"backup {BackupId} did not verify: restored into {RestoredInto}, it differs from the database read at backup time in {Mismatches.Count} table(s): {string.Join("; ", Mismatches.Select(m => m.Describe()))}";

    /// <summary>Null when verified; else why the promotion stops, for the caller to report before it changes anything.</summary>
    public string? PromotionStop => Verified ? null : $"{Describe()}. The promotion stops before anything changes: nothing was deployed. Look at the accessory's database and take a backup again.";
}
