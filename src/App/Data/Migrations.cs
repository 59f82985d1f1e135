using System.Data.Common;
using App.Data.Postgres;
using App.Hosting;
using Microsoft.Extensions.Logging;

namespace App.Data;

/// <summary>
/// Numbered schema migrations, recorded in <c>schema_version</c>. Each runs once, in its own transaction: one that fails
/// is rolled back whole and stops the start (<see cref="MigrationFailedException"/>). Add new ones at the end and keep them
/// additive: a rolled-back (older) app must still run against the newer schema. SQLite's are <see cref="SqliteSteps"/>;
/// Postgres's are the numbered <c>.sql</c> files shipped with the app (<see cref="PostgresMigrations"/>).
/// </summary>
public static class Migrations
{
    /// <summary>SQLite's migrations; migration <c>n</c> is <c>SqliteSteps[n - 1]</c>.</summary>
    public static readonly IReadOnlyList<MigrationStep> SqliteSteps =
    [
        new(1, "users and jobs",
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
            """),
        new(2, "jobs by status", "CREATE INDEX ix_jobs_status ON jobs(status, id);"),
    ];

    /// <summary>The migrations this build has for <paramref name="kind"/>.</summary>
    public static IReadOnlyList<MigrationStep> For(DatabaseKind kind) =>
        kind == DatabaseKind.Sqlite ? SqliteSteps : PostgresMigrations.Load(PostgresMigrations.ShippedDirectory);

    /// <summary>Brings the database up to its latest migration and returns the version it found.</summary>
    public static Task<int> ApplyAsync(Database database, ILogger log, CancellationToken ct) =>
        ApplyAsync(database, For(database.Kind), log, ct);

    /// <summary>Applies the <paramref name="steps"/> the database has not had yet and returns the version it found.</summary>
    public static async Task<int> ApplyAsync(Database database, IReadOnlyList<MigrationStep> steps, ILogger log, CancellationToken ct)
    {
        var latest = steps.Count == 0 ? 0 : steps[^1].Version;
        await using var connection = await database.OpenAsync(ct);
        await using var schemaLock = await MigrationLock.TakeAsync(database.Kind, connection, ct);
        await using (var create = connection.Command(CreateVersionTable(database.Kind)))
            await create.ExecuteNonQueryAsync(ct);
        var found = await CurrentAsync(connection, null, ct);
        if (found > latest)
            AppLog.SchemaNewer(log, found, latest);
        foreach (var step in steps.Where(s => s.Version > found))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (await CurrentAsync(connection, transaction, ct) >= step.Version)
                continue;
            try
            {
                await RunAsync(connection, transaction, step.Sql, ct);
            }
            catch (DbException e)
            {
                throw new MigrationFailedException(step, step.Version - 1, e);
            }
            await RunAsync(connection, transaction, "INSERT INTO schema_version(version, applied_at) VALUES (@v, @at)", ct, ("@v", step.Version), ("@at", database.Time(DateTimeOffset.UtcNow)));
            await transaction.CommitAsync(ct);
            AppLog.Migrated(log, step.Version, step.Name);
        }
        return found;
    }

    static string CreateVersionTable(DatabaseKind kind) => kind == DatabaseKind.Sqlite
        ? "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        : "CREATE TABLE IF NOT EXISTS schema_version(version integer PRIMARY KEY, applied_at timestamptz NOT NULL)";

    static async Task RunAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<int> CurrentAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        command.Transaction = transaction;
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>One numbered migration.</summary>
/// <param name="Version">Its number, from 1 up without gaps.</param>
/// <param name="Name">What it does (a file's name for Postgres).</param>
/// <param name="Sql">The statements, run in one transaction.</param>
public sealed record MigrationStep(int Version, string Name, string Sql);

/// <summary>A migration failed; it was rolled back, so the schema and the data are as they were before it.</summary>
public sealed class MigrationFailedException(MigrationStep step, int schemaVersion, Exception inner)
    : Exception($"Migration {step.Version} ({step.Name}) failed and was rolled back: {inner.Message}. The schema stays at version " +
                $"{schemaVersion} with its data unchanged; fix or remove the migration and release again.", inner)
{
    /// <summary>The migration that failed.</summary>
    public MigrationStep Step => step;
}
