using System.Diagnostics;
using System.Text.Json;
using Pipeline.Delivery;
using Pipeline.Tests.Support;
using Serilog.Events;

namespace Pipeline.Tests.Delivery;

public sealed class DeployLockTests : IDisposable
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
    readonly string directory = Path.Combine(TestMachine.TempDirectory("locks"), ".deploy", "locks");

    static LockOwner Alice => new("alice", "build-01", 4242, "1.2.3", At);

    static LockOwner Me(string version = "2.0.0") => LockOwner.Current(version, At);

    string LockPath(string environment = "production") => Path.Combine(directory, $"{environment}.lock");

    void WriteLock(string machine, int pid, string environment = "production") =>
        File.WriteAllText(LockPath(environment), JsonSerializer.Serialize(new { owner = "bob", machine, pid, version = "0.9.0", acquiredAt = At, id = "x" }) + "\n");

    [Fact]
    public async Task Acquire_writes_the_owner_as_json_and_release_removes_the_file()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var held = await DeployLock.AcquireAsync(directory, "production", Alice, log);

        using (var json = JsonDocument.Parse(File.ReadAllText(LockPath())))
        {
            var root = json.RootElement;
            Assert.Equal("alice", root.GetProperty("owner").GetString());
            Assert.Equal("build-01", root.GetProperty("machine").GetString());
            Assert.Equal(4242, root.GetProperty("pid").GetInt32());
            Assert.Equal("1.2.3", root.GetProperty("version").GetString());
            Assert.Equal(At, root.GetProperty("acquiredAt").GetDateTimeOffset());
        }
        Assert.Equal(new LockStatus("production", "alice", "build-01", 4242, "1.2.3", At), DeployLock.Read(directory, "production"));

        await held.ReleaseAsync();
        Assert.False(File.Exists(LockPath()));
        Assert.Null(DeployLock.Read(directory, "production"));
        await held.ReleaseAsync();
    }

    [Fact]
    public async Task A_second_acquire_fails_at_once_naming_the_holder()
    {
        var (log, _) = InMemorySink.CreateLogger();
        await using var held = await DeployLock.AcquireAsync(directory, "production", Alice, log);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(directory, "production", Me(), log));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("production is locked by alice@build-01 (pid 4242) since 2026-11-23 14:30:00 UTC deploying 1.2.3; " +
            "wait for it, or if that process is gone run ./build.sh Unlock --environment production", error.Message);
        Assert.False(error.Holder.IsStale);
        await using var staging = await DeployLock.AcquireAsync(directory, "staging", Me(), log);
    }

    [Fact]
    public async Task A_lock_left_by_a_dead_process_on_this_machine_is_reported_stale_and_not_stolen()
    {
        var (log, _) = InMemorySink.CreateLogger();
        Directory.CreateDirectory(directory);
        using var gone = Process.Start("true")!;
        await gone.WaitForExitAsync();
        WriteLock(DeployUser.Current().Machine, gone.Id);
        var before = File.ReadAllText(LockPath());

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(directory, "production", Me(), log));

        Assert.True(error.Holder.IsStale);
        Assert.Contains($"pid {gone.Id} is no longer running on this machine: the lock is stale", error.Message);
        Assert.Contains("run ./build.sh Unlock --environment production", error.Message);
        Assert.Equal(before, File.ReadAllText(LockPath()));
        Assert.True(DeployLock.Read(directory, "production")!.IsStale);
    }

    [Fact]
    public async Task A_zombie_holder_counts_as_gone()
    {
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true };
        using var parent = Process.Start(start)!;
        try
        {
            var zombie = int.Parse((await parent.StandardOutput.ReadLineAsync())!.Trim());
            for (var i = 0; i < 250 && File.ReadAllText($"/proc/{zombie}/stat").Split(") ")[1][0] != 'Z'; i++)
                await Task.Delay(20);
            Assert.StartsWith("Z", File.ReadAllText($"/proc/{zombie}/stat").Split(") ")[1]);
            WriteLock(DeployUser.Current().Machine, zombie);

            Assert.True(DeployLock.Read(directory, "production")!.IsStale);
        }
        finally
        {
            TestMachine.Kill(parent.Id);
        }
    }

    [Fact]
    public void A_live_holder_here_or_any_holder_elsewhere_is_not_stale()
    {
        Directory.CreateDirectory(directory);
        WriteLock(DeployUser.Current().Machine, Environment.ProcessId);
        Assert.False(DeployLock.Read(directory, "production")!.IsStale);

        WriteLock("another-machine", 999_999_999);
        Assert.False(DeployLock.Read(directory, "production")!.IsStale);
    }

    [Fact]
    public async Task Release_leaves_a_lock_that_is_no_longer_ours()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var held = await DeployLock.AcquireAsync(directory, "production", Me(), log);
        WriteLock("another-machine", 77);
        var theirs = File.ReadAllText(LockPath());

        await held.DisposeAsync();

        Assert.Equal(theirs, File.ReadAllText(LockPath()));
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("bob@another-machine"));
    }

    [Fact]
    public async Task ForceRelease_removes_any_lock_and_logs_who_held_it()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var held = await DeployLock.AcquireAsync(directory, "production", Alice, log);

        Assert.True(DeployLock.ForceRelease(directory, "production", log));
        Assert.False(File.Exists(LockPath()));
        Assert.Contains(sink.Messages, m => m.Contains("alice@build-01 (pid 4242)"));
        Assert.False(DeployLock.ForceRelease(directory, "production", log));

        await using var next = await DeployLock.AcquireAsync(directory, "production", Me(), log);
        await held.ReleaseAsync();
        Assert.True(File.Exists(LockPath()));
    }

    [Fact]
    public async Task Of_many_concurrent_acquires_exactly_one_wins_and_the_others_name_it()
    {
        var (log, _) = InMemorySink.CreateLogger();
        Directory.CreateDirectory(directory);
        using var go = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            go.Wait();
            try
            {
                return (Lock: await DeployLock.AcquireAsync(directory, "production", Me($"1.0.{i}"), log), Error: (DeployLockedException?)null);
            }
            catch (DeployLockedException e)
            {
                return (Lock: (DeployLock?)null, Error: e);
            }
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Lock is not null).Lock!;
        Assert.All(results.Where(r => r.Lock is null), r =>
        {
            Assert.Null(r.Error!.Holder.Problem);
            Assert.Equal(winner.Status.Version, r.Error.Holder.Version);
        });
        await winner.ReleaseAsync();
        Assert.False(File.Exists(LockPath()));
    }

    [Fact]
    public async Task An_unreadable_lock_file_still_blocks_and_says_how_to_unlock()
    {
        var (log, _) = InMemorySink.CreateLogger();
        Directory.CreateDirectory(directory);
        File.WriteAllText(LockPath(), "garbage\n");

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(directory, "production", Me(), log));

        Assert.NotNull(error.Holder.Problem);
        Assert.Contains("cannot be read", error.Message);
        Assert.Contains("./build.sh Unlock --environment production", error.Message);
    }

    [Fact]
    public async Task An_environment_name_that_is_not_a_file_name_is_refused()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => DeployLock.AcquireAsync(directory, "../prod", Me(), log));
        Assert.Contains("letters, digits", error.Message);
    }

    public void Dispose() => TestMachine.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!);
}
