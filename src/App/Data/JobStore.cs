using Microsoft.Data.Sqlite;

namespace App.Data;

/// <summary>Jobs in SQLite: the database, not memory, is what survives a restart.</summary>
public sealed class JobStore(Database database)
{
    const string Columns = "id, type, payload, status, result, error, created_at, started_at, finished_at";

    /// <summary>Stores a new queued job and returns its id.</summary>
    public async Task<long> AddAsync(string type, string? payload, DateTimeOffset now, CancellationToken ct)
    {
        var ids = await database.QueryAsync(
            "INSERT INTO jobs(type, payload, status, created_at) VALUES ($type, $payload, 'queued', $now) RETURNING id",
            r => r.GetInt64(0), ct, ("$type", type), ("$payload", payload), ("$now", now.ToText()));
        return ids[0];
    }

    /// <summary>The job, or null.</summary>
    public async Task<Job?> GetAsync(long id, CancellationToken ct) =>
        (await database.QueryAsync($"SELECT {Columns} FROM jobs WHERE id = $id", Map, ct, ("$id", id))).SingleOrDefault();

    /// <summary>Moves a queued job to running and returns it; null when another worker (or a restart) got there first.</summary>
    public async Task<Job?> TryStartAsync(long id, DateTimeOffset now, CancellationToken ct) =>
        (await database.QueryAsync(
            $"UPDATE jobs SET status = 'running', started_at = $now WHERE id = $id AND status = 'queued' RETURNING {Columns}",
            Map, ct, ("$id", id), ("$now", now.ToText()))).SingleOrDefault();

    /// <summary>Records how a running job ended.</summary>
    public Task FinishAsync(long id, string status, string? result, string? error, DateTimeOffset now, double milliseconds) =>
        database.ExecuteAsync(
            "UPDATE jobs SET status = $status, result = $result, error = $error, finished_at = $now, duration_ms = $ms WHERE id = $id",
            CancellationToken.None, ("$id", id), ("$status", status), ("$result", result), ("$error", error), ("$now", now.ToText()), ("$ms", milliseconds));

    /// <summary>Puts a job that could not finish back in the queue.</summary>
    public Task RequeueAsync(long id) =>
        database.ExecuteAsync("UPDATE jobs SET status = 'queued', started_at = NULL WHERE id = $id AND status = 'running'", CancellationToken.None, ("$id", id));

    /// <summary>Re-queues the jobs a previous process left running (it stopped abruptly); returns how many.</summary>
    public Task<int> RecoverAsync(CancellationToken ct) =>
        database.ExecuteAsync("UPDATE jobs SET status = 'queued', started_at = NULL WHERE status = 'running'", ct);

    /// <summary>Ids of queued jobs, oldest first.</summary>
    public Task<IReadOnlyList<long>> QueuedIdsAsync(CancellationToken ct) =>
        database.QueryAsync("SELECT id FROM jobs WHERE status = 'queued' ORDER BY id", r => r.GetInt64(0), ct);

    /// <summary>Queued, succeeded and failed totals and the average run time of finished jobs.</summary>
    public async Task<JobCounts> CountsAsync(CancellationToken ct) =>
        (await database.QueryAsync(
            """
            SELECT COALESCE(SUM(status = 'queued'), 0), COALESCE(SUM(status = 'succeeded'), 0), COALESCE(SUM(status = 'failed'), 0),
                   COALESCE(AVG(CASE WHEN status IN ('succeeded', 'failed') THEN duration_ms END), 0)
            FROM jobs
            """,
            r => new JobCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetDouble(3)), ct))[0];

    static Job Map(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.NullableString(2), r.GetString(3), r.NullableString(4), r.NullableString(5),
        r.Time(6), r.NullableTime(7), r.NullableTime(8));
}
