namespace App.Jobs;

/// <summary>Live counts of the worker pool, for <c>/api/queue-stats</c> and <c>/ready</c>.</summary>
public sealed class WorkerState(int totalWorkers)
{
    int _active;
    volatile bool _running;

    /// <summary>Workers in the pool.</summary>
    public int TotalWorkers => totalWorkers;

    /// <summary>Workers running a job right now.</summary>
    public int ActiveWorkers => Volatile.Read(ref _active);

    /// <summary>True from the pool's start until shutdown begins.</summary>
    public bool Running => _running;

    internal void MarkRunning(bool running) => _running = running;

    internal void JobStarted() => Interlocked.Increment(ref _active);

    internal void JobEnded() => Interlocked.Decrement(ref _active);
}
