using App.Data;
using App.Hosting;

namespace App.Jobs;

/// <summary>
/// <c>WORKER_THREADS</c> workers taking jobs from the queue. On start, jobs left queued or running by the previous process
/// are queued again. On shutdown (before the web server stops): new jobs are refused, running jobs get
/// <c>JOB_SHUTDOWN_GRACE_SECONDS</c> to finish, and those that do not are interrupted and re-queued for the next start.
/// </summary>
public sealed partial class WorkerPool(
    JobQueue queue, JobStore store, JobRunner runner, WorkerState state, AppSettings settings, TimeProvider time, ILogger<WorkerPool> log)
    : BackgroundService, IHostedLifecycleService
{
    readonly CancellationTokenSource _stopTaking = new();
    readonly CancellationTokenSource _interrupt = new();

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var recovered = await store.RecoverAsync(cancellationToken);
        var queued = await store.QueuedIdsAsync(cancellationToken);
        foreach (var id in queued)
            queue.Enqueue(id);
        LogStarting(settings.WorkerThreads, queued.Count, recovered);
        state.MarkRunning(settings.WorkerThreads > 0);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, settings.WorkerThreads).Select(WorkAsync));

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
            long id;
            try
            {
                id = await queue.NextAsync(_stopTaking.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (_stopTaking.IsCancellationRequested)
                break;
            try
            {
                await runner.RunAsync(id, worker, _interrupt.Token);
            }
            catch (Exception e) when (!_stopTaking.IsCancellationRequested)
            {
                // A worker must never die: a store error (e.g. the database busy) leaves the job queued, so try it again.
                LogWorkerError(id, worker, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, CancellationToken.None);
                queue.Enqueue(id);
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

    [LoggerMessage(LogLevel.Error, "Worker {Worker} could not run job {JobId}: {Error}; it stays queued and is tried again")]
    partial void LogWorkerError(long jobId, int worker, string error);
}
