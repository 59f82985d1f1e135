using Microsoft.Data.Sqlite;
using App.Hosting;
using Microsoft.Extensions.Logging;

namespace App.Data;

/// <summary>
/// Numbered schema migrations, recorded in <c>schema_version</c>. Each runs once, in its own transaction. Add new ones at
/// the end and keep them additive: a rolled-back (older) app must still run against the newer schema.
/// </summary>
public static class Migrations
{
    /// <summary>Migration <c>n</c> is <c>Steps[n - 1]</c>.</summary>
    public static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT, created_at TEXT);
        CREATE TABLE jobs(
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            payload TEXT,
            status TEXT NOT NULL,
            result TEXT,
            error TEXT,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            duration_ms REAL);
        """,
        "CREATE INDEX ix_jobs_status ON jobs(status, id);",
    ];

    /// <summary>The schema version this build knows.</summary>
    public static int Latest => Steps.Count;

    /// <summary>Brings the database up to <see cref="Latest"/> and returns the version it found.</summary>
    public static async Task<int> ApplyAsync(Database database, ILogger log, CancellationToken ct)
    {
        await database.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
        await using var connection = await database.OpenAsync(ct);
        var found = await CurrentAsync(connection, null, ct);
        if (found > Latest)
            AppLog.SchemaNewer(log, found, Latest);
        for (var version = found + 1; version <= Latest; version++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            if (await CurrentAsync(connection, transaction, ct) >= version)
                continue;
            await using (var step = connection.Command(Steps[version - 1]))
            {
                step.Transaction = transaction;
                await step.ExecuteNonQueryAsync(ct);
            }
            await using (var record = connection.Command("INSERT INTO schema_version(version, applied_at) VALUES ($v, $at)", ("$v", version), ("$at", DateTimeOffset.UtcNow.ToText())))
            {
                record.Transaction = transaction;
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            AppLog.Migrated(log, version);
        }
        return found;
    }

    static async Task<int> CurrentAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        command.Transaction = transaction;
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
