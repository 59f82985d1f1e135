using App.Data;
using App.Hosting;

namespace App.Jobs;

/// <summary>
/// <c>WORKER_THREADS</c> workers claiming jobs from the database, oldest first; idle ones wait for a <see cref="JobQueue"/>
/// wake-up or look again every <see cref="PollInterval"/>. On start, jobs a previous process left running are queued again
/// (SQLite; on Postgres see <see cref="JobStore.Abandoned"/>). On shutdown: new jobs are refused, running jobs get
/// <c>JOB_SHUTDOWN_GRACE_SECONDS</c> to finish, and those that do not are interrupted and queued again.
/// </summary>
public sealed partial class WorkerPool(
    JobQueue queue, JobStore store, JobRunner runner, WorkerState state, TimeProvider time, AppSettings settings, ILogger<WorkerPool> log)
    : BackgroundService, IHostedLifecycleService
{
    /// <summary>How often an idle worker looks at the database without a wake-up (jobs of dead processes, missed notifications).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    readonly CancellationTokenSource _stopTaking = new();
    readonly CancellationTokenSource _interrupt = new();

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var recovered = await store.RecoverAsync(cancellationToken);
        var counts = await store.CountsAsync(cancellationToken);
        LogStarting(state.TotalWorkers, counts.Queued, recovered);
        state.MarkRunning(state.TotalWorkers > 0);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, state.TotalWorkers).Select(WorkAsync));

    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        queue.StopAccepting();
        state.MarkRunning(false);
        await _stopTaking.CancelAsync();
        if (ExecuteTask is not { } workers)
            return;
        try
        {
            await workers.WaitAsync(settings.ShutdownGrace, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogInterrupting(state.ActiveWorkers, settings.ShutdownGrace.TotalSeconds);
            await _interrupt.CancelAsync();
            await workers.WaitAsync(cancellationToken);
        }
    }

    async Task WorkAsync(int worker)
    {
        await Task.Yield();
        while (!_stopTaking.IsCancellationRequested)
        {
            try
            {
                // Not cancelled by shutdown: a claim that lands must be run (or re-queued), not forgotten.
                if (await store.ClaimNextAsync(time.GetUtcNow(), CancellationToken.None) is { } job)
                    await runner.RunAsync(job, worker, _interrupt.Token);
                else
                    await queue.WaitAsync(PollInterval, _stopTaking.Token);
            }
            catch (OperationCanceledException) when (_stopTaking.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!_stopTaking.IsCancellationRequested)
            {
                // A worker must never die: a store error (the database busy or away) leaves the job where it was; try again.
                LogWorkerError(worker, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, CancellationToken.None);
            }
        }
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Dispose()
    {
        _stopTaking.Dispose();
        _interrupt.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Worker pool starting: {Workers} workers, {Queued} queued jobs ({Recovered} re-queued after an interrupted run)")]
    partial void LogStarting(int workers, int queued, int recovered);

    [LoggerMessage(LogLevel.Warning, "{Active} jobs still running after {GraceSeconds} s of shutdown grace: interrupting and re-queuing them")]
    partial void LogInterrupting(int active, double graceSeconds);

    [LoggerMessage(LogLevel.Error, "Worker {Worker} could not take or record a job: {Error}; trying again")]
    partial void LogWorkerError(int worker, string error);
}
