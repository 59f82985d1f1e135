using System.Diagnostics;
using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Tests.Support;
using Serilog.Events;

namespace Pipeline.Tests.Delivery;

/// <summary>The deploy lock on the real local engine, each test under a prefix of its own.</summary>
public sealed class DeployLockTests : IAsyncLifetime
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
    TestTarget engine = null!;

    static LockOwner Alice => new("alice", "build-01", 4242, "1.2.3", At);

    static LockOwner Me(string version = "2.0.0") => LockOwner.Current(version, At);

    public async Task InitializeAsync() => engine = await TestTarget.CreateAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task Acquire_creates_a_labelled_container_that_never_runs_and_release_removes_it()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var target = engine.State();

        var held = await DeployLock.AcquireAsync(target, "production", Alice, log);

        var container = await engine.Docker.Containers.InspectContainerAsync($"{engine.Prefix}-deploy-lock-production");
        Assert.Equal("created", container.State!.Status);
        var labels = container.Config!.Labels!;
        Assert.Equal("alice", labels["org.app-pipeline.lock.holder"]);
        Assert.Equal("build-01", labels["org.app-pipeline.lock.machine"]);
        Assert.Equal("4242", labels["org.app-pipeline.lock.pid"]);
        Assert.Equal("1.2.3", labels["org.app-pipeline.lock.version"]);
        Assert.Equal(At, DateTimeOffset.Parse(labels["org.app-pipeline.lock.acquired-at"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(held.Status.Token, labels["org.app-pipeline.lock.token"]);
        var status = (await DeployLock.ReadAsync(target, "production", default))!;
        Assert.Equal(("alice", "build-01", 4242, "1.2.3", At), (status.Owner, status.Machine, status.Pid, status.Version, status.AcquiredAt));
        Assert.Equal(TargetState.DefaultLease, status.Lease);
        Assert.False(status.IsStale);
        Assert.InRange(status.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TargetState.DefaultLease);
        using (var text = new StringWriter())
        {
            status.Write(text);
            var lines = text.ToString().Split('\n');
            Assert.Equal("production: locked by alice@build-01 (pid 4242) deploying 1.2.3", lines[0]);
            Assert.StartsWith("  since 2026-11-23 14:30:00 UTC (age ", lines[1]);
            Assert.Matches(@"^  lease: live until .* UTC \(\d+ s left; 120 s, renewed every 30 s\)$", lines[2]);
        }

        await held.ReleaseAsync();
        Assert.Null(await DeployLock.ReadAsync(target, "production", default));
        Assert.Empty(await engine.ContainersAsync());
        await held.ReleaseAsync();
    }

    [Fact]
    public async Task A_second_acquire_fails_at_once_naming_the_holder()
    {
        var (log, _) = InMemorySink.CreateLogger();
        await using var held = await DeployLock.AcquireAsync(engine.State(), "production", Alice, log);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(engine.State(), "production", Me(), log));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.StartsWith("production is locked by alice@build-01 (pid 4242) since 2026-11-23 14:30:00 UTC deploying 1.2.3; wait for it. ", error.Message);
        Assert.Contains("./build.sh Unlock --environment production", error.Message);
        Assert.False(error.Holder.IsStale);
        await using var staging = await DeployLock.AcquireAsync(engine.State(), "staging", Me(), log);
    }

    [Fact]
    public async Task Of_many_acquires_at_once_from_separate_clients_exactly_one_wins_and_the_others_name_it()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var machines = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TestTarget.ElsewhereAsync(engine.State())));
        try
        {
            using var go = new ManualResetEventSlim();
            var attempts = machines.Select((machine, i) => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    return (Lock: await DeployLock.AcquireAsync(machine, "production", Me($"1.0.{i}"), log), Error: (DeployLockedException?)null);
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
                Assert.Contains($"deploying {winner.Status.Version}", r.Error.Message);
            });
            await winner.ReleaseAsync();
            Assert.Empty(await engine.ContainersAsync());
        }
        finally
        {
            foreach (var machine in machines)
                machine.Docker.Dispose();
        }
    }

    [Fact]
    public async Task Release_removes_only_its_own_lock()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var mine = await DeployLock.AcquireAsync(engine.State(), "production", Me(), log);
        Assert.NotNull(await DeployLock.UnlockAsync(engine.State(), "production", force: true, log, default));
        await using var theirs = await DeployLock.AcquireAsync(engine.State(), "production", Alice, log);

        await mine.DisposeAsync();

        Assert.Equal(theirs.Status.Token, (await DeployLock.ReadAsync(engine.State(), "production", default))!.Token);
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("alice@build-01"));
    }

    [Fact]
    public async Task The_holder_renews_its_lease_so_the_lock_stays_live_past_the_first_lease()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var target = engine.State(lease: TimeSpan.FromSeconds(1));
        await using var held = await DeployLock.AcquireAsync(target, "production", Me(), log);

        Assert.True(await Poll.UntilTrueAsync(_ => Task.FromResult(held.Renewals >= 6), new PollOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30)), default),
            $"only {held.Renewals} renewals in 30 s");

        var status = (await DeployLock.ReadAsync(target, "production", default))!;
        Assert.True(status.ReadAt > held.Status.ExpiresAt, "more than one lease has passed");
        Assert.False(status.IsStale, $"the lease ended at {status.ExpiresAt:O}, read at {status.ReadAt:O}");
        Assert.True(status.ExpiresAt > held.Status.ExpiresAt);
    }

    [Fact]
    public async Task An_expired_lease_is_reported_stale_never_taken_over_and_Unlock_removes_it()
    {
        var (log, _) = InMemorySink.CreateLogger();
        await using var held = await DeployLock.AcquireAsync(engine.State(), "production", Alice, log);
        var later = engine.State(later: TimeSpan.FromMinutes(3));

        var status = (await DeployLock.ReadAsync(later, "production", default))!;
        Assert.True(status.IsStale);
        Assert.InRange(status.StaleFor, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70));
        Assert.Contains("[stale: no renewal for", status.Describe());
        using (var text = new StringWriter())
        {
            status.Write(text);
            Assert.Contains("lease: STALE", text.ToString());
            Assert.Contains("alice@build-01 (pid 4242) deploying 1.2.3", text.ToString());
        }

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(later, "production", Me(), log));
        Assert.Contains("but the holder stopped renewing its lease", error.Message);
        Assert.Contains("the lock is stale", error.Message);
        Assert.Contains("run ./build.sh Unlock --environment production", error.Message);
        Assert.Equal(held.Status.Token, (await DeployLock.ReadAsync(engine.State(), "production", default))!.Token);

        var removed = await DeployLock.UnlockAsync(later, "production", force: false, log, default);
        Assert.Equal("alice", removed!.Owner);
        await using var next = await DeployLock.AcquireAsync(engine.State(), "production", Me(), log);
        Assert.Equal(next.Status.Token, (await DeployLock.ReadAsync(engine.State(), "production", default))!.Token);
    }

    [Fact]
    public async Task Unlock_refuses_a_live_lock_unless_forced()
    {
        var (log, _) = InMemorySink.CreateLogger();
        await using var held = await DeployLock.AcquireAsync(engine.State(), "production", Alice, log);

        var error = await Assert.ThrowsAsync<DeployLockLiveException>(() => DeployLock.UnlockAsync(engine.State(), "production", force: false, log, default));

        Assert.Contains("alice@build-01 (pid 4242)", error.Message);
        Assert.Contains("its lease is live", error.Message);
        Assert.Contains("./build.sh Unlock --environment production --force", error.Message);
        Assert.Equal(held.Status.Token, (await DeployLock.ReadAsync(engine.State(), "production", default))!.Token);
        Assert.Equal("alice", (await DeployLock.UnlockAsync(engine.State(), "production", force: true, log, default))!.Owner);
        Assert.Null(await DeployLock.UnlockAsync(engine.State(), "production", force: false, log, default));
    }

    [Fact]
    public async Task An_environment_name_that_is_not_a_container_name_is_refused()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => DeployLock.AcquireAsync(engine.State(), "../prod", Me(), log));
        Assert.Contains("letters, digits", error.Message);
    }
}
