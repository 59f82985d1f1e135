using System.Diagnostics;
using Pipeline.Docker;

namespace Pipeline.Tests.Support;

/// <summary>
/// A bounded load against one URL: <c>concurrency</c> loops each sending GET requests one after another (keep-alive) until stopped,
/// until <c>maxRequests</c> were sent, or until the safety deadline passes. Every request is recorded (start time, served body,
/// failure), so a test can wait for the served version to change (an observation, not a sleep) and assert counts afterwards.
/// </summary>
public sealed class LoadLoop : IAsyncDisposable
{
    readonly Uri url;
    readonly HttpClient client;
    readonly CancellationTokenSource stop = new();
    readonly List<LoadSample> samples = [];
    readonly long maxRequests;
    readonly Task[] loops;
    long started;

    LoadLoop(Uri url, int concurrency, long maxRequests, TimeSpan deadline, TimeSpan requestTimeout)
    {
        this.url = url;
        this.maxRequests = maxRequests;
        client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = requestTimeout };
        stop.CancelAfter(deadline);
        loops = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>A timestamp on the same clock as <see cref="LoadSample.Started"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Starts the loops. <paramref name="deadline"/> only bounds a test that forgot to stop; <paramref name="requestTimeout"/> bounds one request.</summary>
    public static LoadLoop Start(Uri url, int concurrency = 4, long maxRequests = 200_000, TimeSpan? deadline = null, TimeSpan? requestTimeout = null) =>
        new(url, concurrency, maxRequests, deadline ?? TimeSpan.FromMinutes(3), requestTimeout ?? TimeSpan.FromSeconds(30));

    async Task RunAsync()
    {
        while (!stop.IsCancellationRequested && Interlocked.Increment(ref started) <= maxRequests)
        {
            var begin = Stopwatch.GetTimestamp();
            string? body = null;
            string? failure = null;
            try
            {
                using var response = await client.GetAsync(url, stop.Token);
                body = (await response.Content.ReadAsStringAsync(stop.Token)).Trim();
                if (!response.IsSuccessStatusCode)
                    failure = $"HTTP {(int)response.StatusCode}: {body}";
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failure = e.GetBaseException().Message;
            }
            var sample = new LoadSample(begin, Stopwatch.GetElapsedTime(begin), failure is null ? body : null, failure);
            lock (samples)
                samples.Add(sample);
        }
    }

    /// <summary>The number of successful responses serving <paramref name="version"/> from requests started after <paramref name="since"/>.</summary>
    public int Count(string version, long since = 0)
    {
        lock (samples)
            return samples.Count(s => s.Version == version && s.Started >= since);
    }

    /// <summary>Waits until <paramref name="count"/> requests started after <paramref name="since"/> were served <paramref name="version"/>; throws with the counts so far when <paramref name="timeout"/> passes first.</summary>
    public async Task WaitForAsync(string version, int count, long since = 0, TimeSpan? timeout = null)
    {
        var seen = await Poll.UntilTrueAsync(_ => Task.FromResult(Count(version, since) >= count || stop.IsCancellationRequested),
            new PollOptions(TimeSpan.FromMilliseconds(20), timeout ?? TimeSpan.FromSeconds(60)), CancellationToken.None);
        if (!seen || Count(version, since) < count)
            throw new TimeoutException($"The load loop saw {Count(version, since)} of {count} responses serving '{version}': {Snapshot()}");
    }

    /// <summary>Stops the loops (requests in flight complete) and returns everything recorded.</summary>
    public async Task<LoadResult> StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return Snapshot();
    }

    /// <summary>Everything recorded so far.</summary>
    public LoadResult Snapshot()
    {
        lock (samples)
            return new LoadResult([.. samples]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        client.Dispose();
        stop.Dispose();
    }
}

/// <summary>One request: when it started (<see cref="Stopwatch.GetTimestamp"/>), how long it took, the body served (trimmed) or why it failed.</summary>
public sealed record LoadSample(long Started, TimeSpan Duration, string? Version, string? Failure);

/// <summary>What a <see cref="LoadLoop"/> recorded: counts, served versions and latency.</summary>
public sealed record LoadResult(IReadOnlyList<LoadSample> Samples)
{
    /// <summary>Requests completed (served or failed).</summary>
    public int Sent => Samples.Count;

    /// <summary>Requests that failed (no response, or a status other than 2xx).</summary>
    public int Failed => Samples.Count(s => s.Failure is not null);

    /// <summary>The first failures, for assertion messages.</summary>
    public IReadOnlyList<string> Failures => [.. Samples.Where(s => s.Failure is not null).Select(s => s.Failure!).Distinct().Take(5)];

    /// <summary>Successful responses by served body.</summary>
    public IReadOnlyDictionary<string, int> ByVersion => Samples.Where(s => s.Version is not null).GroupBy(s => s.Version!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The versions served to requests started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlySet<string> VersionsStartedBetween(long from, long to) =>
        Samples.Where(s => s.Version is not null && s.Started >= from && s.Started < to).Select(s => s.Version!).ToHashSet();

    /// <summary>The latency at <paramref name="percentile"/> (0-100) of requests started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public TimeSpan Percentile(double percentile, long from = 0, long to = long.MaxValue)
    {
        var durations = Samples.Where(s => s.Started >= from && s.Started < to).Select(s => s.Duration).Order().ToList();
        return durations.Count == 0 ? TimeSpan.Zero : durations[(int)Math.Clamp(Math.Ceiling(percentile / 100 * durations.Count) - 1, 0, durations.Count - 1)];
    }

    /// <summary>The 99th percentile latency.</summary>
    public TimeSpan P99 => Percentile(99);

    /// <inheritdoc />
    public override string ToString() =>
        $"sent {Sent}, failed {Failed}{(Failed == 0 ? "" : $" ({string.Join("; ", Failures)})")}, by version {string.Join(", ", ByVersion.Select(v => $"{v.Key}={v.Value}"))}, p99 {P99.TotalMilliseconds:0} ms";
}
