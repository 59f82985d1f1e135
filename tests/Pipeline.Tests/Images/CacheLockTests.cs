using Pipeline.Images;
using Pipeline.Images.Base;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Images;

public sealed class CacheLockTests : IDisposable
{
    readonly string folder = TestMachine.TempDirectory("cache-lock");

    [Fact]
    public async Task A_second_build_waits_for_the_first_to_release_the_cache_and_then_takes_it()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var first = await CacheLock.AcquireAsync(folder, log, CancellationToken.None);

        var second = CacheLock.AcquireAsync(folder, log, CancellationToken.None);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();

        Assert.Single(sink.Messages, m => m.Contains("Waiting for another build", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Waiting_for_the_cache_can_be_cancelled()
    {
        var (log, _) = InMemorySink.CreateLogger();
        await using var held = await CacheLock.AcquireAsync(folder, log, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = CacheLock.AcquireAsync(folder, log, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    public void Dispose() => TestMachine.Delete(folder);
}
