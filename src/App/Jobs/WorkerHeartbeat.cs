using App.Data;

namespace App.Jobs;

/// <summary>
/// The worker role has no HTTP port, so its health is a file: every <see cref="Interval"/> the database is asked
/// <c>SELECT 1</c> and, when it answers, <see cref="FilePath"/> is touched. <c>App --healthcheck</c> in the worker role
/// is healthy while the file is younger than <see cref="MaxAge"/>.
/// </summary>
public sealed class WorkerHeartbeat(Database database, TimeProvider time) : BackgroundService
{
    /// <summary>How often the heartbeat beats.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>The oldest heartbeat that still counts as healthy.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>The heartbeat file (in the container's temp folder).</summary>
    public static string FilePath => Path.Combine(Path.GetTempPath(), "app-worker.heartbeat");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
                await BeatAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            await database.PingAsync(ct);
            await File.WriteAllTextAsync(FilePath, time.GetUtcNow().ToString("O"), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No beat: the probe turns unhealthy once the last one is too old.
        }
    }

    /// <summary>Null when the heartbeat is fresh, else why the worker is unhealthy.</summary>
    public static string? Problem(DateTimeOffset now)
    {
        var file = new FileInfo(FilePath);
        if (!file.Exists)
            return $"no heartbeat at {file.FullName} yet (the worker has not reached its database)";
        var age = now - new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        return age <= MaxAge ? null : $"the last heartbeat is {age.TotalSeconds:0} s old (more than {MaxAge.TotalSeconds:0} s): the worker does not reach its database";
    }
}
