using Docker.DotNet.Models;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cutover;

/// <summary>Cutovers on the real engine behind a real HAProxy, each under a load loop that must see no failed request.</summary>
public sealed class CutoverStepsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_release_takes_over_without_a_failed_request(bool singleWriter)
    {
        await using var site = await CutoverSite.CreateAsync();
        var steps = site.Steps(singleWriter);
        var v1 = await site.ReleaseAsync("v1");
        var v2 = await site.ReleaseAsync("v2");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        Assert.Equal("v1", await site.ServedAsync());

        await using var load = LoadLoop.Start(site.Url);
        var deployed = await steps.DeployAsync(v2, CancellationToken.None);
        var result = await load.StopAsync();

        Assert.True(deployed.Passed, deployed.Problem);
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Sent} failed: {string.Join("; ", result.Failures.Take(3))}\n{string.Join("\n", site.Sink.Events.Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.RenderMessage()}"))}");
        Assert.True(result.Sent > 0);
        Assert.Equal("v2", await site.ServedAsync());
        var slots = await site.Slots.ListAsync(CancellationToken.None);
        Assert.Equal(["v2"], slots.Where(s => s.IsRunning).Select(s => s.Version));
        Assert.Contains(slots, s => s.Version == "v1" && !s.IsRunning);
        Assert.Equal("v2", (await steps.RunningAsync(CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task A_single_writer_service_never_runs_twice_on_its_data()
    {
        await using var site = await CutoverSite.CreateAsync();
        var steps = site.Steps(singleWriter: true);
        var v1 = await site.ReleaseAsync("v1");
        var v2 = await site.ReleaseAsync("v2");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        Assert.True((await steps.DeployAsync(v2, CancellationToken.None)).Passed);

        var slots = await site.Slots.ListAsync(CancellationToken.None);
        var old = await site.Docker.Containers.InspectContainerAsync(slots.Single(s => s.Version == "v1").Containers[0].Id);
        var current = await site.Docker.Containers.InspectContainerAsync(slots.Single(s => s.Version == "v2").Containers[0].Id);
        var (stopped, started) = (old.State!.FinishedAt, current.State!.StartedAt);
        Assert.True(DateTimeOffset.Parse(stopped, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.Parse(started, System.Globalization.CultureInfo.InvariantCulture),
            $"v1 stopped at {stopped}, after v2 started at {started}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_release_that_never_answers_is_never_switched_to(bool singleWriter)
    {
        await using var site = await CutoverSite.CreateAsync();
        var steps = site.Steps(singleWriter, timeout: TimeSpan.FromSeconds(5));
        var v1 = await site.ReleaseAsync("v1");
        var broken = await site.ReleaseAsync("broken", healthy: false);
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);

        await using var load = LoadLoop.Start(site.Url);
        var deployed = await steps.DeployAsync(broken, CancellationToken.None);
        var result = await load.StopAsync();

        Assert.False(deployed.Passed);
        Assert.Contains("did not answer 200", deployed.Problem, StringComparison.Ordinal);
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Sent} failed: {string.Join("; ", result.Failures.Take(3))}\n{string.Join("\n", site.Sink.Events.Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.RenderMessage()}"))}");
        Assert.Equal(["v1"], result.ByVersion.Keys);
        Assert.Equal("v1", await site.ServedAsync());
        Assert.DoesNotContain(await site.Slots.ListAsync(CancellationToken.None), s => s.Version == "broken" && s.IsRunning);
    }

    [Fact]
    public async Task A_rollback_to_a_retained_release_starts_it_and_switches()
    {
        await using var site = await CutoverSite.CreateAsync();
        var steps = site.Steps();
        var v1 = await site.ReleaseAsync("v1");
        var v2 = await site.ReleaseAsync("v2");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        var kept = (await site.Slots.FindAsync(v1, CancellationToken.None))!.Containers[0].Id;
        Assert.True((await steps.DeployAsync(v2, CancellationToken.None)).Passed);

        await using var load = LoadLoop.Start(site.Url);
        var back = await steps.DeployAndAnswerAsync(v1, CancellationToken.None);
        var result = await load.StopAsync();

        Assert.True(back.Passed, back.Problem);
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Sent} failed: {string.Join("; ", result.Failures.Take(3))}\n{string.Join("\n", site.Sink.Events.Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.RenderMessage()}"))}");
        Assert.Equal("v1", await site.ServedAsync());
        Assert.Equal(kept, (await site.Slots.FindAsync(v1, CancellationToken.None))!.Containers[0].Id);
    }

    [Fact]
    public async Task The_next_deploy_stops_what_an_interrupted_one_started()
    {
        await using var site = await CutoverSite.CreateAsync();
        var steps = site.Steps();
        var v1 = await site.ReleaseAsync("v1");
        var v2 = await site.ReleaseAsync("v2");
        var v3 = await site.ReleaseAsync("v3");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        var interrupted = site.Steps(pause: (point, _) => point == "before-cutover" ? throw new OperationCanceledException("killed") : Task.CompletedTask);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.DeployAsync(v2, CancellationToken.None));
        await site.Slots.StartAsync((await site.Slots.FindAsync(v2, CancellationToken.None))!, CancellationToken.None);
        Assert.Equal("v1", await site.ServedAsync());

        Assert.True((await steps.DeployAsync(v3, CancellationToken.None)).Passed);

        Assert.Equal("v3", await site.ServedAsync());
        Assert.Equal(["v3"], (await site.Slots.ListAsync(CancellationToken.None)).Where(s => s.IsRunning).Select(s => s.Version));
        Assert.Contains(site.Sink.Messages, m => m.Contains("an interrupted deploy left it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deploy_repairs_a_killed_proxy()
    {
        await using var site = await CutoverSite.CreateAsync();
        var steps = site.Steps();
        var v1 = await site.ReleaseAsync("v1");
        var v2 = await site.ReleaseAsync("v2");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        await site.Docker.Containers.KillContainerAsync(site.Proxy.Options.ContainerName, new ContainerKillParameters());

        Assert.True((await steps.DeployAsync(v2, CancellationToken.None)).Passed);

        Assert.Equal("v2", await site.ServedAsync());
    }
}
