using System.Diagnostics;
using Polly;
using Polly.Retry;

namespace Pipeline.Docker;

/// <summary>
/// The one way the pipeline waits for something outside it (a container turning healthy, a port answering, a lock freeing):
/// look, and look again after <see cref="PollOptions.Interval"/> until the look returns a result or the timeout passes.
/// Built on Polly's retry strategy.
/// </summary>
public static class Poll
{
    /// <summary>
    /// Calls <paramref name="look"/> until it returns a non-null result and returns that result. When
    /// <see cref="PollOptions.Timeout"/> passes first, returns <paramref name="timedOut"/>'s result (which may throw).
    /// An exception thrown by <paramref name="look"/> ends the wait at once: a look that means "not yet" returns null.
    /// </summary>
    /// <param name="look">One look; it gets the time elapsed since the wait began.</param>
    /// <param name="options">How often and how long.</param>
    /// <param name="timedOut">What to return (or throw) when time ran out; it gets the time elapsed.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<T> UntilAsync<T>(
        Func<TimeSpan, CancellationToken, Task<T?>> look, PollOptions options, Func<TimeSpan, Task<T>> timedOut, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(look);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timedOut);
        var clock = Stopwatch.StartNew();
        var pipeline = new ResiliencePipelineBuilder<T?>()
            .AddRetry(new RetryStrategyOptions<T?>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result is null && clock.Elapsed < options.Timeout),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = options.Interval,
                UseJitter = false,
            })
            .Build();
        var result = await pipeline.ExecuteAsync(async token => await look(clock.Elapsed, token), cancellationToken);
        return result ?? await timedOut(clock.Elapsed);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; returns false when the timeout passed first.</summary>
    public static async Task<bool> UntilTrueAsync(Func<CancellationToken, Task<bool>> condition, PollOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var held = await UntilAsync<object>(async (_, token) => await condition(token) ? Held : null, options, _ => Task.FromResult(NotHeld), cancellationToken);
        return ReferenceEquals(held, Held);
    }

    private static readonly object Held = new();
    private static readonly object NotHeld = new();
}

/// <summary>How a <see cref="Poll"/> waits.</summary>
/// <param name="Interval">The pause between two looks.</param>
/// <param name="Timeout">How long the wait may take in all.</param>
public sealed record PollOptions(TimeSpan Interval, TimeSpan Timeout);
