using Docker.DotNet;
using Pipeline.Delivery;
using Pipeline.Tests.Support;
using Serilog.Events;

namespace Pipeline.Tests.Delivery;

/// <summary>The audit log on the target's volume, on the real local engine, written and read by separate "clones" (roots and clients).</summary>
public sealed class AuditOnTargetTests : IAsyncLifetime
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
    readonly string root = TestMachine.TempDirectory("audit-target");
    TestTarget engine = null!;

    public async Task InitializeAsync() => engine = await TestTarget.CreateAsync();

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        TestMachine.Delete(root);
    }

    AuditLog Clone(string name, TargetState target) =>
        new AuditLog(Path.Combine(root, name, "logs", "deploy", "audit.jsonl")).OnTarget(target, InMemorySink.CreateLogger().Logger);

    static AuditEntry Entry(string version, string environment = "production") =>
        new AuditEntry(At, AuditAction.Promote, environment, AuditOutcome.Succeeded) { Version = version, Message = $"promoted {version}" }.By(new DeployUser("alice", "build-01"));

    [Fact]
    public async Task Entries_appended_by_one_clone_are_read_back_by_another()
    {
        var first = Clone("one", engine.State());
        foreach (var version in new[] { "1.0.0", "1.0.1", "1.0.2" })
            Assert.True(await first.AppendAsync(Entry(version), default));
        await first.AppendAsync(Entry("0.9.0", "staging"), default);
        var elsewhere = await TestTarget.ElsewhereAsync(engine.State());
        try
        {
            var second = Clone("two", elsewhere);

            var history = await second.ReadAsync("production", 2, default);

            Assert.True(history.OnTarget);
            Assert.Contains($"volume {engine.Prefix}-audit-production", history.Source);
            Assert.Equal(["1.0.1", "1.0.2"], history.Entries.Select(e => e.Version));
            Assert.Empty(second.ReadLast(10));
            Assert.Equal(4, first.ReadLast(10).Count);
            Assert.Equal(["0.9.0"], (await second.ReadAsync("staging", 10, default)).Entries.Select(e => e.Version));
            Assert.Empty(await engine.ContainersAsync());
        }
        finally
        {
            elsewhere.Docker.Dispose();
        }
    }

    [Fact]
    public async Task Appends_from_several_clones_at_once_are_all_kept_whole()
    {
        var clones = Enumerable.Range(0, 4).Select(i => Clone($"clone{i}", engine.State())).ToList();

        await Task.WhenAll(clones.Select((clone, i) => Task.Run(async () =>
        {
            for (var n = 0; n < 3; n++)
                Assert.True(await clone.AppendAsync(Entry($"{i}.{n}.0"), default));
        })));

        var history = await clones[0].ReadAsync("production", 100, default);
        Assert.Equal(12, history.Entries.Select(e => e.Version).Distinct().Count());
        Assert.Empty(await engine.ContainersAsync());
    }

    [Fact]
    public async Task A_writer_left_by_a_killed_append_is_cleared_after_a_minute()
    {
        var target = engine.State();
        var volume = target.AuditVolume("production");
        await engine.Docker.Volumes.CreateAsync(new global::Docker.DotNet.Models.VolumesCreateParameters { Name = volume, Labels = target.Labels("audit") });
        Assert.NotNull(await StateContainers.TryCreateAsync(target, $"{volume}-writer", target.Labels("audit-writer"), null, default));

        Assert.True(await Clone("one", engine.State(later: TimeSpan.FromMinutes(2))).AppendAsync(Entry("1.0.0"), default));

        Assert.Equal(["1.0.0"], (await Clone("two", target).ReadAsync("production", 10, default)).Entries.Select(e => e.Version));
    }

    [Fact]
    public async Task Without_a_log_on_the_target_the_local_entries_of_that_environment_are_shown_with_a_note()
    {
        var local = new AuditLog(Path.Combine(root, "local", "audit.jsonl"));
        local.Append(Entry("1.0.0"));
        local.Append(Entry("0.9.0", "staging"));

        var history = await local.OnTarget(engine.State(), InMemorySink.CreateLogger().Logger).ReadAsync("production", 10, default);

        Assert.False(history.OnTarget);
        Assert.Contains("has no audit log yet", history.Source);
        Assert.Contains(local.Path, history.Source);
        Assert.Equal(["1.0.0"], history.Entries.Select(e => e.Version));
    }

    [Fact]
    public async Task A_target_that_cannot_be_reached_is_logged_and_the_local_entry_stays()
    {
        using var nowhere = new DockerClientBuilder().WithEndpoint(new Uri($"unix://{Path.Combine(root, "no-engine.sock")}")).Build();
        var (logger, sink) = InMemorySink.CreateLogger();
        var log = new AuditLog(Path.Combine(root, "local", "audit.jsonl")).OnTarget(engine.State() with { Docker = nowhere }, logger);

        Assert.False(await log.AppendAsync(Entry("1.0.0"), default));

        Assert.Equal(["1.0.0"], log.ReadLast(10).Select(e => e.Version));
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains($"{engine.Prefix}-audit-production"));
    }
}
