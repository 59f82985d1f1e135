using System.Net;
using Pipeline.Proxy;

namespace Pipeline.Tests.Proxy;

/// <summary>Maintenance mode, routing by host name, and what the proxy reports.</summary>
public sealed class ProxyStateTests
{
    [Fact]
    public async Task Maintenance_answers_503_with_the_message_and_Retry_After_until_turned_off()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var route = world.Route("production");
        await world.Proxy.EnsureAsync([route], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        await world.Proxy.SwitchAsync(route.Name, a, CancellationToken.None);
        const string Message = "Upgrading the database; back at 10:00 (ünïcode, #hash; semicolon)";

        var on = await world.Proxy.MaintenanceAsync(route.Name, Message, TimeSpan.FromSeconds(120), CancellationToken.None);
        var during = await ProxyWorld.GetAsync(route);
        var reported = await world.Proxy.StateAsync(route.Name, CancellationToken.None);
        var off = await world.Proxy.MaintenanceAsync(route.Name, null, TimeSpan.Zero, CancellationToken.None);
        var after = await ProxyWorld.GetAsync(route);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, Message, "120"), during);
        Assert.Equal(new Maintenance(Message, TimeSpan.FromSeconds(120)), on.Maintenance);
        Assert.Equal(on.Maintenance, reported.Maintenance);
        Assert.Equal(a, reported.Target);
        Assert.Null(off.Maintenance);
        Assert.Null((await world.Proxy.StateAsync(route.Name, CancellationToken.None)).Maintenance);
        Assert.Equal((HttpStatusCode.OK, "A", (string?)null), after);
    }

    [Fact]
    public async Task State_reports_the_container_each_route_sends_to_and_routes_by_host_name_on_a_shared_port()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var port = ProxyWorld.FreePort();
        var first = world.Route("first", "first.example.test", port);
        var second = world.Route("second", "second.example.test", port);
        var created = await world.Proxy.EnsureAsync([first, second], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        var b = await world.UpstreamAsync("B");
        Assert.Equal(ProxyAction.Created, created.Action);
        Assert.All(created.Routes, r => Assert.Null(r.Target));

        await world.Proxy.SwitchAsync(first.Name, a, CancellationToken.None);
        await world.Proxy.SwitchAsync(second.Name, b, CancellationToken.None);
        var states = await world.Proxy.StatesAsync(CancellationToken.None);

        Assert.Equal([(first.Name, a), (second.Name, b)], states.Select(s => (s.Route.Name, s.Target!)));
        Assert.Equal("A", (await ProxyWorld.GetAsync(first, "first.example.test")).Body);
        Assert.Equal("B", (await ProxyWorld.GetAsync(second, "SECOND.example.test:" + port)).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await ProxyWorld.GetAsync(first, "other.example.test")).Status);
        var probe = await world.Proxy.ProbeAsync(CancellationToken.None);
        Assert.Equal(ProxyStatus.Answering, probe.Status);
        Assert.Contains(a.Container, probe.Detail, StringComparison.Ordinal);
        Assert.Equal(Pipeline.Machine.CheckStatus.Ok, (await ProxyDoctorCheck.RunAsync(world.Options, CancellationToken.None)).Status);
    }
}
