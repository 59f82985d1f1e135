using Pipeline.Proxy;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Proxy;

/// <summary>Switching under load drops nothing; a request to a stopped target is held until a target answers.</summary>
public sealed class ProxySwitchTests
{
    [Fact]
    public async Task Switching_back_and_forth_under_load_fails_no_request_and_new_requests_reach_the_new_target()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var route = world.Route("production");
        await world.Proxy.EnsureAsync([route], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        var b = await world.UpstreamAsync("B");
        await world.Proxy.SwitchAsync(route.Name, a, CancellationToken.None);

        await using var load = LoadLoop.Start(ProxyWorld.Url(route));
        await load.WaitForAsync("A", 50);
        var switches = new List<(long Asked, long Done, string Version)>();
        foreach (var (target, version) in new[] { (b, "B"), (a, "A"), (b, "B"), (a, "A"), (b, "B"), (a, "A") })
        {
            var asked = LoadLoop.Now;
            await world.Proxy.SwitchAsync(route.Name, target, CancellationToken.None);
            var done = LoadLoop.Now;
            switches.Add((asked, done, version));
            await load.WaitForAsync(version, 50, since: done);
        }
        var result = await load.StopAsync();

        Assert.True(result.Failed == 0, result.ToString());
        Assert.True(result.Sent >= 350, result.ToString());
        for (var i = 0; i < switches.Count; i++)
            Assert.Equal([switches[i].Version], result.VersionsStartedBetween(switches[i].Done, i + 1 < switches.Count ? switches[i + 1].Asked : long.MaxValue));
        Assert.Equal("A", (await ProxyWorld.GetAsync(route)).Body);
    }

    [Fact]
    public async Task A_request_while_no_target_answers_is_held_and_served_once_a_target_is_switched_in()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var route = world.Route("production");
        await world.Proxy.EnsureAsync([route], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        await world.Proxy.SwitchAsync(route.Name, a, CancellationToken.None);
        Assert.Equal("A", (await ProxyWorld.GetAsync(route)).Body);

        await world.StopAsync(a.Container);
        var stoppedAt = LoadLoop.Now;
        await using var load = LoadLoop.Start(ProxyWorld.Url(route));
        Assert.True(await Pipeline.Docker.Poll.UntilTrueAsync(async _ => await world.SessionsAsync(route) >= 4,
            new Pipeline.Docker.PollOptions(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(15)), CancellationToken.None), "four requests are held by the proxy");
        var b = await world.UpstreamAsync("B");
        await world.Proxy.SwitchAsync(route.Name, b, CancellationToken.None);
        var switchedAt = LoadLoop.Now;
        await load.WaitForAsync("B", 20, since: switchedAt);
        var result = await load.StopAsync();

        Assert.True(result.Failed == 0, result.ToString());
        var held = result.Samples.Where(s => s.Started >= stoppedAt && s.Started < switchedAt).ToList();
        Assert.True(held.Count >= 4, result.ToString());
        Assert.All(held, s => Assert.Equal("B", s.Version));
    }

    [Fact]
    public async Task Switching_one_route_leaves_another_route_on_another_port_serving()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var production = world.Route("production");
        var staging = world.Route("staging");
        await world.Proxy.EnsureAsync([production, staging], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        var b = await world.UpstreamAsync("B");
        var c = await world.UpstreamAsync("C");
        await world.Proxy.SwitchAsync(production.Name, a, CancellationToken.None);
        await world.Proxy.SwitchAsync(staging.Name, c, CancellationToken.None);

        await using var stagingLoad = LoadLoop.Start(ProxyWorld.Url(staging), concurrency: 2);
        await using var productionLoad = LoadLoop.Start(ProxyWorld.Url(production), concurrency: 2);
        await stagingLoad.WaitForAsync("C", 20);
        foreach (var (target, version) in new[] { (b, "B"), (a, "A"), (b, "B") })
        {
            await world.Proxy.SwitchAsync(production.Name, target, CancellationToken.None);
            var at = LoadLoop.Now;
            await productionLoad.WaitForAsync(version, 30, since: at);
            await stagingLoad.WaitForAsync("C", 10, since: at);
        }
        var onStaging = await stagingLoad.StopAsync();
        var onProduction = await productionLoad.StopAsync();

        Assert.True(onStaging.Failed == 0, onStaging.ToString());
        Assert.Equal(["C"], onStaging.ByVersion.Keys);
        Assert.True(onProduction.Failed == 0, onProduction.ToString());
        Assert.Equal(c, (await world.Proxy.StateAsync(staging.Name, CancellationToken.None)).Target);
    }
}
