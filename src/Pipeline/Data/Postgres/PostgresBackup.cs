using System.Security.Cryptography;
using Serilog;

namespace Pipeline.Data.Postgres;

/// <summary>
/// Backs up a Postgres accessory's database into a <see cref="BackupStore"/>: <c>pg_dump --format=custom</c> runs inside the
/// accessory (through the Engine API's exec, so a local or ssh:// engine alike and no published port) and its output is
/// streamed into <c>data.pgdump</c> while it is hashed. The table facts the verification checks are read in the dump's
/// own snapshot: a <c>psql</c> session in the accessory opens a repeatable-read transaction, exports its snapshot and
/// reads the facts, and <c>pg_dump --snapshot</c> dumps that very snapshot while the session keeps it open
/// (<see cref="PostgresBackupSession"/>). Writes going on during the backup are in neither or in both.
/// </summary>
public sealed class PostgresBackup(ILogger log)
{
    /// <summary>The dump format: custom (what <c>pg_restore</c> reads), zlib level 1 (fast; the data is mostly text).</summary>
    static readonly string[] DumpFormat = ["--format=custom", "--compress=1"];

    /// <summary>Dumps <paramref name="accessory"/>'s database into a new folder of <paramref name="store"/> and returns its manifest.</summary>
    public async Task<BackupManifest> BackupAsync(PostgresShell accessory, BackupStore store, BackupInfo info, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accessory);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(info);
        var createdAt = DateTime.UtcNow;
        var incoming = store.CreateIncoming();
        try
        {
            var dump = Path.Combine(incoming, BackupStore.DumpName);
            string sha256 = "";
            var read = await PostgresBackupSession.RunAsync(accessory, async snapshot =>
                sha256 = await DumpAsync(accessory, [.. DumpFormat, $"--snapshot={snapshot}"], dump, ct), ct);
            var manifest = store.Commit(incoming, new BackupManifest(
                BackupStore.IdFor(createdAt), info.Environment, createdAt, info.Version, info.Reason, read.Database, sha256, new FileInfo(dump).Length, [],
                BackupKind.Postgres, new PostgresBackupFacts(read.ServerVersion, read.Tables)));
            log.Information("Backup {Id} of {Environment} ({Version}): Postgres {ServerVersion:l} database {Database:l} of {Accessory:l}, {Tables} table(s), {Rows} row(s), {Size} bytes, sha256 {Sha256}",
                manifest.Id, manifest.Environment, manifest.Version, read.ServerVersion, read.Database, accessory.What, read.Tables.Count, manifest.Postgres!.Rows, manifest.Size, manifest.Sha256);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(incoming))
                Directory.Delete(incoming, recursive: true);
        }
    }

    /// <summary>Runs <c>pg_dump</c> in the accessory, writes its output to <paramref name="path"/>, and returns the output's sha256.</summary>
    static async Task<string> DumpAsync(PostgresShell accessory, IReadOnlyList<string> arguments, string path, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await accessory.RunAsync("pg_dump", arguments, null, async (stdout, token) =>
        {
            var buffer = new byte[1 << 16];
            int count;
            while ((count = await stdout.ReadAsync(buffer, token)) > 0)
            {
                hash.AppendData(buffer, 0, count);
                await file.WriteAsync(buffer.AsMemory(0, count), token);
            }
        }, ct);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
