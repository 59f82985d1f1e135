namespace App.Jobs;

/// <summary>
/// Wakes idle workers when a job is queued. The database is the queue (workers claim jobs from it); this only says
/// "look again", so a missed or extra wake-up costs at most one look.
/// </summary>
public sealed class JobQueue : IDisposable
{
    /// <summary>Wake-ups kept for workers that are busy right now; more would only cost empty looks.</summary>
    const int MaxPending = 64;

    readonly SemaphoreSlim _wake = new(0);
    volatile bool _accepting = true;

    /// <summary>False once shutdown began: new jobs are refused with 503.</summary>
    public bool Accepting => _accepting;

    /// <summary>Says a job was queued.</summary>
    public void Signal()
    {
        if (_wake.CurrentCount < MaxPending)
            _wake.Release();
    }

    /// <summary>Waits until a job may have been queued, or <paramref name="timeout"/> passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    /// <summary>Refuses new jobs from now on.</summary>
    public void StopAccepting() => _accepting = false;

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();
}
