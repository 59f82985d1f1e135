using System.Diagnostics;
using Serilog;

namespace Pipeline.Data.Postgres;

/// <summary>
/// Puts a Postgres backup back into the live accessory. Nothing is changed before the archive's sha256 matches the
/// manifest. <c>pg_restore --clean --if-exists --single-transaction</c> runs inside the accessory with the dump streamed
/// to its stdin: the backup's objects are dropped and recreated in one transaction, so a failure leaves the database as
/// it was (tables the backup does not know are left alone). Afterwards the tables are read again and compared with the
/// facts of the backup (tables the backup does not know are left out of that check). <see cref="LossAsync"/> says beforehand what the restore would undo.
/// </summary>
public sealed class PostgresRestore(ILogger log)
{
    static readonly string[] Restore = ["--clean", "--if-exists", "--single-transaction", "--exit-on-error"];

    /// <summary>What restoring <paramref name="backup"/> into <paramref name="accessory"/> would undo, per table.</summary>
    public async Task<PostgresRestoreLoss> LossAsync(PostgresShell accessory, BackupManifest backup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accessory);
        ArgumentNullException.ThrowIfNull(backup);
        var facts = backup.RequirePostgres();
        return PostgresRestoreLoss.Compare(backup.Id, facts.Tables, await PostgresTableFacts.ReadAsync(accessory, ct));
    }

    /// <summary>
    /// Restores <paramref name="backup"/> from <paramref name="store"/> into <paramref name="accessory"/>'s database. A missing
    /// or corrupt archive, or a failing <c>pg_restore</c>, is a <see cref="DataException"/> and the database is unchanged.
    /// </summary>
    public async Task<PostgresRestoreResult> RestoreAsync(PostgresShell accessory, BackupManifest backup, BackupStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accessory);
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(store);
        var facts = backup.RequirePostgres();
        var archive = await store.CheckedArchiveAsync(backup, ct);
        var clock = Stopwatch.StartNew();
        try
        {
            await accessory.RunAsync("pg_restore", Restore, async (stdin, token) =>
            {
                await using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await file.CopyToAsync(stdin, 1 << 16, token);
            }, null, ct);
        }
        catch (DataException e)
        {
            throw new DataException($"Restoring backup {backup.Id} into {accessory.What} failed; it ran in one transaction, so the database is as it was. {e.Message}", e);
        }
        var backedUp = facts.Tables.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        var now = await PostgresTableFacts.ReadAsync(accessory, ct);
        var restored = new PostgresVerification(backup.Id, accessory.What, facts.Tables.Count, facts.Rows,
            PostgresVerificationMismatch.Compare(facts.Tables, [.. now.Where(t => backedUp.Contains(t.Table))]), null, clock.Elapsed);
        log.Information("Restored backup {Id} ({Version}) into {Accessory:l}: {Check:l}", backup.Id, backup.Version, accessory.What, restored.Describe());
        return new PostgresRestoreResult(backup, restored);
    }
}

/// <summary>What a restore did: the backup it restored and how the restored tables compare with the backup's facts.</summary>
public sealed record PostgresRestoreResult(BackupManifest Backup, PostgresVerification Check);
