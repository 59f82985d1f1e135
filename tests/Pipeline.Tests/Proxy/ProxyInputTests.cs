using System.Net;
using Pipeline.Proxy;

namespace Pipeline.Tests.Proxy;

/// <summary>Bad input is refused with an error naming the fix, and changes nothing.</summary>
public sealed class ProxyInputTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("prod app")]
    [InlineData("prod;del")]
    [InlineData("")]
    public void A_route_name_outside_lower_case_letters_digits_dash_and_underscore_is_refused(string name) =>
        Assert.Contains("not a valid route name", Assert.Throws<ArgumentException>(() => new ProxyRoute(name, 8080)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        Assert.Contains("1-65535", Assert.Throws<ArgumentOutOfRangeException>(() => new ProxyRoute("production", port)).Message, StringComparison.Ordinal);
        Assert.Contains("1-65535", Assert.Throws<ArgumentOutOfRangeException>(() => new Upstream("app", IPAddress.Loopback, port)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_maintenance_message_on_several_lines_or_a_negative_Retry_After_is_refused()
    {
        Assert.Contains("one line", Assert.Throws<ArgumentException>(() => new Maintenance("down\nfor now", TimeSpan.Zero)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Maintenance("down", TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Two_routes_taking_the_same_requests_are_refused()
    {
        var error = Assert.Throws<ProxyException>(() => ProxyRecord.Empty.Merge([new ProxyRoute("one", 8080), new ProxyRoute("two", 8080)]));
        Assert.Contains("give each a host name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_publishes_on_its_address_and_routes_sharing_a_port_must_share_it()
    {
        var record = ProxyRecord.Empty.Merge([new ProxyRoute("one", 8080, "a.example.com") { Address = "0.0.0.0" }, new ProxyRoute("two", 8081)]);
        Assert.Equal([new ProxyBinding("0.0.0.0", 8080), new ProxyBinding("127.0.0.1", 8081)], record.Bindings);
        Assert.Equal("0.0.0.0", ProxyRecord.FromJson(record.ToJson()).Find("one").Route.Address);

        var split = Assert.Throws<ProxyException>(() => record.Merge([new ProxyRoute("three", 8080, "b.example.com")]));
        Assert.Contains("share port 8080 but are published on different addresses (0.0.0.0, 127.0.0.1)", split.Message, StringComparison.Ordinal);
        Assert.Contains("is not an IP address", Assert.Throws<ArgumentException>(() => new ProxyRoute("four", 8082) { Address = "anywhere" }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_or_a_port_taken_by_the_runtime_API_is_refused_and_nothing_changes()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var route = world.Route("production");
        await world.Proxy.EnsureAsync([route], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        await world.Proxy.SwitchAsync(route.Name, a, CancellationToken.None);
        var before = await world.Proxy.StatesAsync(CancellationToken.None);

        var switching = await Assert.ThrowsAsync<ProxyException>(() => world.Proxy.SwitchAsync("staging", a, CancellationToken.None));
        var maintenance = await Assert.ThrowsAsync<ProxyException>(() => world.Proxy.MaintenanceAsync("staging", "down", TimeSpan.Zero, CancellationToken.None));
        var apiPort = await Assert.ThrowsAsync<ProxyException>(() => world.Proxy.EnsureAsync([new ProxyRoute("other", world.Options.ApiPort)], CancellationToken.None));
        var b = await world.UpstreamAsync("B");
        var wrongAddress = await Assert.ThrowsAsync<ProxyException>(() => world.Proxy.SwitchAsync(route.Name, new Upstream(b.Container, IPAddress.Parse("10.255.255.254"), b.Port), CancellationToken.None));
        await world.StopAsync(b.Container);
        var stopped = await Assert.ThrowsAsync<ProxyException>(() => world.Proxy.SwitchAsync(route.Name, b, CancellationToken.None));

        Assert.Contains($"no route 'staging' (it has {route.Name})", switching.Message, StringComparison.Ordinal);
        Assert.Contains("no route 'staging'", maintenance.Message, StringComparison.Ordinal);
        Assert.Contains("choose another port", apiPort.Message, StringComparison.Ordinal);
        Assert.Contains($"its address on {world.Options.NetworkName} is {b.Address}", wrongAddress.Message, StringComparison.Ordinal);
        Assert.Contains("not running. Start it first", stopped.Message, StringComparison.Ordinal);
        Assert.Equal(before, await world.Proxy.StatesAsync(CancellationToken.None));
        Assert.Equal("A", (await ProxyWorld.GetAsync(route)).Body);
    }
}
