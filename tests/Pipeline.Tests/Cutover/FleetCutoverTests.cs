using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cutover;

/// <summary>
/// Whole-fleet cutovers: two hosts, each a site with its own proxy and release slots on the real engine, under a load loop each. No host
/// switches until every host passed; one failing host leaves every host serving the old release.
/// </summary>
public sealed class FleetCutoverTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_failing_host_keeps_every_host_on_the_old_release(bool singleWriter)
    {
        await using var a = await CutoverSite.CreateAsync();
        await using var b = await CutoverSite.CreateAsync();
        var failOnB = false;
        var steps = a.Fleet([b], singleWriter, smoke: (host, _, _) =>
            Task.FromResult(failOnB && host.Name == "b" ? Verdict.Fail("smoke workflow tests failed: 1 of 1") : Verdict.Pass));
        var v1 = await a.ReleaseAsync("v1");
        var v2 = await a.ReleaseAsync("v2");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        Assert.Equal(("v1", "v1"), (await a.ServedAsync(), await b.ServedAsync()));

        failOnB = true;
        await using var loadA = LoadLoop.Start(a.Url);
        await using var loadB = LoadLoop.Start(b.Url);
        var deployed = await steps.DeployAsync(v2, CancellationToken.None);
        var (onA, onB) = (await loadA.StopAsync(), await loadB.StopAsync());

        Assert.False(deployed.Passed);
        Assert.Contains("1 of 2 hosts failed, so no host was switched", deployed.Problem, StringComparison.Ordinal);
        Assert.Contains("  b: smoke workflow tests failed", deployed.Problem, StringComparison.Ordinal);
        Assert.True(onA.Failed + onB.Failed == 0, $"{onA.Failed} of {onA.Sent} failed on a, {onB.Failed} of {onB.Sent} on b: {string.Join("; ", onA.Failures.Concat(onB.Failures).Take(3))}");
        Assert.Equal(["v1"], onA.ByVersion.Keys);
        Assert.Equal(["v1"], onB.ByVersion.Keys);
        foreach (var site in new[] { a, b })
        {
            var slots = await site.Slots.ListAsync(CancellationToken.None);
            Assert.Equal(["v1"], slots.Where(s => s.IsRunning).Select(s => s.Version));
            Assert.DoesNotContain(slots, s => s.Version == "v2");
        }

        failOnB = false;
        Assert.True((await steps.DeployAsync(v2, CancellationToken.None)).Passed);
        Assert.Equal(("v2", "v2"), (await a.ServedAsync(), await b.ServedAsync()));
    }

    [Fact]
    public async Task A_rollback_to_a_retained_release_switches_every_host()
    {
        await using var a = await CutoverSite.CreateAsync();
        await using var b = await CutoverSite.CreateAsync();
        var steps = a.Fleet([b], singleWriter: true);
        var v1 = await a.ReleaseAsync("v1");
        var v2 = await a.ReleaseAsync("v2");
        Assert.True((await steps.DeployAsync(v1, CancellationToken.None)).Passed);
        Assert.True((await steps.DeployAsync(v2, CancellationToken.None)).Passed);

        await using var loadA = LoadLoop.Start(a.Url);
        await using var loadB = LoadLoop.Start(b.Url);
        var back = await steps.DeployAndAnswerAsync(v1, CancellationToken.None);
        var (onA, onB) = (await loadA.StopAsync(), await loadB.StopAsync());

        Assert.True(back.Passed, back.Problem);
        Assert.True(onA.Failed + onB.Failed == 0, $"{onA.Failed} of {onA.Sent} failed on a, {onB.Failed} of {onB.Sent} on b");
        Assert.Equal(("v1", "v1"), (await a.ServedAsync(), await b.ServedAsync()));
        Assert.Equal("v1", (await steps.RunningAsync(CancellationToken.None))?.Version);
    }
}
