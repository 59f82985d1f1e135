using App.Jobs;
using Npgsql;

namespace App.Data.Postgres;

/// <summary>
/// Wakes this process's workers when any process queues a job: <c>LISTEN app_jobs</c> on a connection of its own (the
/// <c>jobs_queued</c> trigger of migration 002 notifies). When the connection drops it listens again; meanwhile the
/// workers' own polling keeps jobs moving.
/// </summary>
public sealed partial class JobNotifications(Database database, JobQueue queue, ILogger<JobNotifications> log) : BackgroundService
{
    /// <summary>The channel the trigger notifies.</summary>
    public const string Channel = "app_jobs";

    static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await ListenAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogLost(e.Message, Retry.TotalSeconds);
                    await Task.Delay(Retry, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(ct);
        connection.Notification += (_, _) => queue.Signal();
        await using (var listen = connection.Command($"LISTEN {Channel}"))
            await listen.ExecuteNonQueryAsync(ct);
        queue.Signal(); // anything queued while nobody listened
        while (true)
            await connection.WaitAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "Listening for queued jobs failed ({Error}); listening again in {Seconds} s, workers poll meanwhile")]
    partial void LogLost(string error, double seconds);
}
