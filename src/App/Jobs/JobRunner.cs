using System.Diagnostics;
using App.Data;
using App.Hosting;

namespace App.Jobs;

/// <summary>Runs one queued job to its end and records how it ended: succeeded, failed, or interrupted and re-queued.</summary>
public sealed partial class JobRunner(JobStore store, JobExecutor executor, WorkerState state, TimeProvider time, ILogger<JobRunner> log)
{
    /// <summary>
    /// Runs <paramref name="job"/> (claimed, so marked running) on <paramref name="worker"/>; cancelling
    /// <paramref name="interrupt"/> stops it and queues it again.
    /// </summary>
    public async Task RunAsync(Job job, int worker, CancellationToken interrupt)
    {
        var id = job.Id;
        state.JobStarted();
        var clock = Stopwatch.StartNew();
        try
        {
            LogRunning(id, job.Type, worker);
            var result = await executor.RunAsync(job, interrupt);
            await store.FinishAsync(id, JobStatus.Succeeded, result, null, time.GetUtcNow(), clock.Elapsed.TotalMilliseconds);
            LogFinished(id, JobStatus.Succeeded, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            await store.RequeueAsync(id);
            LogRequeued(id);
        }
        catch (Exception e)
        {
            await store.FinishAsync(id, JobStatus.Failed, null, e.Message, time.GetUtcNow(), clock.Elapsed.TotalMilliseconds);
            LogFailed(id, e.Message);
        }
        finally
        {
            state.JobEnded();
        }
    }

    [LoggerMessage(LogLevel.Debug, "Job {JobId} ({Type}) running on worker {Worker}")]
    partial void LogRunning(long jobId, string type, int worker);

    [LoggerMessage(LogLevel.Information, "Job {JobId} {Status} in {Milliseconds:0.0} ms")]
    partial void LogFinished(long jobId, string status, double milliseconds);

    [LoggerMessage(LogLevel.Information, "Job {JobId} interrupted by shutdown and re-queued")]
    partial void LogRequeued(long jobId);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} failed: {Error}")]
    partial void LogFailed(long jobId, string error);
}
