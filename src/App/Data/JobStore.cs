using System.Data.Common;

namespace App.Data;

/// <summary>Jobs in the database: the database, not memory, is what survives a restart and what the worker processes share.</summary>
public sealed class JobStore(Database database)
{
    const string Columns = "id, type, payload, status, result, error, created_at, started_at, finished_at";

    /// <summary>
    /// A job running longer than this was left by a process that died: the longest job (a 60 s sleep) plus the shutdown
    /// grace, with room to spare. Another process may then take it again.
    /// </summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    /// <summary>Stores a new queued job and returns its id.</summary>
    public async Task<long> AddAsync(string type, string? payload, DateTimeOffset now, CancellationToken ct) =>
        (await database.QueryAsync(
            "INSERT INTO jobs(type, payload, status, created_at) VALUES (@type, @payload, 'queued', @now) RETURNING id",
            r => r.GetInt64(0), ct, ("@type", type), ("@payload", payload), ("@now", database.Time(now))))[0];

    /// <summary>The job, or null.</summary>
    public async Task<Job?> GetAsync(long id, CancellationToken ct) =>
        (await database.QueryAsync($"SELECT {Columns} FROM jobs WHERE id = @id", Map, ct, ("@id", id))).SingleOrDefault();

    /// <summary>
    /// Moves the oldest queued job (or one abandoned by a dead process) to running and returns it; null when there is none.
    /// Postgres skips rows another process is claiming (<c>FOR UPDATE SKIP LOCKED</c>), so workers never wait on each other;
    /// SQLite has one writer at a time anyway.
    /// </summary>
    public async Task<Job?> ClaimNextAsync(DateTimeOffset now, CancellationToken ct) =>
        (await database.QueryAsync(
            $"""
            UPDATE jobs SET status = 'running', started_at = @now
            WHERE id = (SELECT id FROM jobs
                        WHERE status = 'queued' OR (status = 'running' AND started_at < @abandoned)
                        ORDER BY id LIMIT 1{(database.Kind == DatabaseKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "")})
            RETURNING {Columns}
            """,
            Map, ct, ("@now", database.Time(now)), ("@abandoned", database.Time(now - Abandoned)))).SingleOrDefault();

    /// <summary>Records how a running job ended.</summary>
    public Task FinishAsync(long id, string status, string? result, string? error, DateTimeOffset now, double milliseconds) =>
        database.ExecuteAsync(
            "UPDATE jobs SET status = @status, result = @result, error = @error, finished_at = @now, duration_ms = @ms WHERE id = @id",
            CancellationToken.None, ("@id", id), ("@status", status), ("@result", result), ("@error", error), ("@now", database.Time(now)), ("@ms", milliseconds));

    /// <summary>Puts a job that could not finish back in the queue.</summary>
    public Task RequeueAsync(long id) =>
        database.ExecuteAsync("UPDATE jobs SET status = 'queued', started_at = NULL WHERE id = @id AND status = 'running'", CancellationToken.None, ("@id", id));

    /// <summary>
    /// On SQLite (one process), re-queues the jobs a previous process left running (it stopped abruptly) and returns how
    /// many. On Postgres other processes may be running them right now: <see cref="ClaimNextAsync"/> takes them again once
    /// they are <see cref="Abandoned"/>.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct) =>
        database.Kind == DatabaseKind.Sqlite
            ? await database.ExecuteAsync("UPDATE jobs SET status = 'queued', started_at = NULL WHERE status = 'running'", ct)
            : 0;

    /// <summary>Queued, succeeded and failed totals and the average run time of finished jobs.</summary>
    public async Task<JobCounts> CountsAsync(CancellationToken ct) =>
        (await database.QueryAsync(
            """
            SELECT CAST(COUNT(CASE WHEN status = 'queued' THEN 1 END) AS INTEGER),
                   CAST(COUNT(CASE WHEN status = 'succeeded' THEN 1 END) AS INTEGER),
                   CAST(COUNT(CASE WHEN status = 'failed' THEN 1 END) AS INTEGER),
                   CAST(COALESCE(AVG(CASE WHEN status IN ('succeeded', 'failed') THEN duration_ms END), 0) AS DOUBLE PRECISION)
            FROM jobs
            """,
            r => new JobCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetDouble(3)), ct))[0];

    static Job Map(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.NullableString(2), r.GetString(3), r.NullableString(4), r.NullableString(5),
        r.Time(6), r.NullableTime(7), r.NullableTime(8));
}
