using Pipeline.Docker;
using Xunit;

namespace Pipeline.Tests.Docker;

public sealed class PollTests
{
    static readonly PollOptions Fast = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Returns_the_first_result_and_looks_no_more()
    {
        var looks = 0;
        var result = await Poll.UntilAsync<string>((_, _) => Task.FromResult(++looks == 3 ? "ready" : null), Fast, _ => throw new InvalidOperationException("timed out"), default);
        Assert.Equal("ready", result);
        Assert.Equal(3, looks);
    }

    [Fact]
    public async Task Gives_the_timeout_answer_when_nothing_came()
    {
        var looks = 0;
        var result = await Poll.UntilAsync<string>((_, _) => Task.FromResult<string?>(looks++ < 1_000_000 ? null : "never"),
            new PollOptions(TimeSpan.FromMilliseconds(1), TimeSpan.Zero), elapsed => Task.FromResult($"gave up after {looks} look(s)"), default);
        Assert.Equal("gave up after 1 look(s)", result);
    }

    [Fact]
    public async Task An_exception_ends_the_wait_at_once()
    {
        var looks = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Poll.UntilAsync<string>((_, _) =>
        {
            looks++;
            throw new InvalidOperationException("broken");
        }, Fast, _ => Task.FromResult("timeout"), default));
        Assert.Equal(1, looks);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait()
    {
        using var cts = new CancellationTokenSource();
        var looks = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Poll.UntilAsync<string>((_, _) =>
        {
            if (++looks == 2)
                cts.Cancel();
            return Task.FromResult<string?>(null);
        }, Fast, _ => Task.FromResult("timeout"), cts.Token));
        Assert.Equal(2, looks);
    }

    [Fact]
    public async Task UntilTrue_says_whether_the_condition_held()
    {
        var n = 0;
        Assert.True(await Poll.UntilTrueAsync(_ => Task.FromResult(++n >= 2), Fast, default));
        Assert.False(await Poll.UntilTrueAsync(_ => Task.FromResult(false), new PollOptions(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20)), default));
    }
}
