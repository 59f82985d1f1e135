using System.Diagnostics;
using Docker.DotNet;
using Serilog;

namespace Pipeline.Data.Postgres;

/// <summary>
/// Verifies a Postgres backup by restoring it: the archive's sha256 is checked against the manifest, the dump is restored
/// into a <see cref="PostgresScratch"/> (a throwaway server of <see cref="PostgresImage"/> on <paramref name="engine"/>, the
/// accessory's engine, with no published port and no network, removed afterwards), and its table list, row counts and
/// checksums are compared with the facts the backup read in the dump's snapshot.
/// </summary>
public sealed class PostgresBackupVerifier(DockerClient engine, ILogger log)
{
    /// <summary>Owners and grants name the accessory's roles, which the throwaway server does not have; they are not what is checked.</summary>
    static readonly string[] Restore = ["--no-owner", "--no-privileges", "--exit-on-error"];

    /// <summary>Restores <paramref name="backup"/> from <paramref name="store"/> into a throwaway server and compares; never throws for a backup that does not verify.</summary>
    public async Task<PostgresVerification> VerifyAsync(BackupManifest backup, BackupStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(store);
        var facts = backup.RequirePostgres();
        var clock = Stopwatch.StartNew();
        PostgresVerification Result(IReadOnlyList<PostgresVerificationMismatch> mismatches, string? problem) =>
            new(backup.Id, "a throwaway server", facts.Tables.Count, facts.Rows, mismatches, problem, clock.Elapsed);
        string archive;
        try
        {
            archive = await store.CheckedArchiveAsync(backup, ct);
        }
        catch (DataException e)
        {
            return Report(Result([], e.Message));
        }
        await using var scratch = await PostgresScratch.StartAsync(engine, log, ct);
        try
        {
            await scratch.Shell.RunAsync("pg_restore", Restore, async (stdin, token) =>
            {
                await using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await file.CopyToAsync(stdin, 1 << 16, token);
            }, null, ct);
        }
        catch (DataException e)
        {
            return Report(Result([], $"the dump does not restore ({e.Message})"));
        }
        var restored = await PostgresTableFacts.ReadAsync(scratch.Shell, ct);
        return Report(Result(PostgresVerificationMismatch.Compare(facts.Tables, restored), null));
    }

    PostgresVerification Report(PostgresVerification result)
    {
        if (result.Verified)
            log.Information("Postgres {Result:l}", result.Describe());
        else
            log.Error("Postgres {Result:l}", result.Describe());
        return result;
    }
}
