using System.Threading.Channels;

namespace App.Jobs;

/// <summary>Ids of jobs waiting for a worker. The database is the record; this only wakes the workers.</summary>
public sealed class JobQueue
{
    readonly Channel<long> _ids = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    volatile bool _accepting = true;

    /// <summary>False once shutdown began: new jobs are refused with 503.</summary>
    public bool Accepting => _accepting;

    /// <summary>Hands a stored job to the workers.</summary>
    public void Enqueue(long id) => _ids.Writer.TryWrite(id);

    /// <summary>Waits for the next job id.</summary>
    public ValueTask<long> NextAsync(CancellationToken ct) => _ids.Reader.ReadAsync(ct);

    /// <summary>Refuses new jobs from now on.</summary>
    public void StopAccepting() => _accepting = false;
}
