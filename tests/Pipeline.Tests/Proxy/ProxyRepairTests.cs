using System.Net;
using Docker.DotNet.Models;
using Pipeline.Proxy;

namespace Pipeline.Tests.Proxy;

/// <summary>A killed, removed or hung proxy is repaired by the next <see cref="EdgeProxy.EnsureAsync"/> and serves what it served before.</summary>
public sealed class ProxyRepairTests
{
    [Fact]
    public async Task A_killed_removed_or_hung_proxy_is_repaired_with_its_targets_and_maintenance()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var production = world.Route("production");
        var staging = world.Route("staging");
        await world.Proxy.EnsureAsync([production, staging], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        var b = await world.UpstreamAsync("B");
        await world.Proxy.SwitchAsync(production.Name, a, CancellationToken.None);
        await world.Proxy.SwitchAsync(staging.Name, b, CancellationToken.None);
        await world.Proxy.MaintenanceAsync(staging.Name, "Back soon", TimeSpan.FromSeconds(30), CancellationToken.None);
        var before = await world.Proxy.StatesAsync(CancellationToken.None);

        Func<Task>[] breakages =
        [
            () => world.Docker.Containers.KillContainerAsync(world.Options.ContainerName, new ContainerKillParameters()),
            () => world.Docker.Containers.RemoveContainerAsync(world.Options.ContainerName, new ContainerRemoveParameters { Force = true }),
            () => world.Docker.Containers.PauseContainerAsync(world.Options.ContainerName),
        ];
        foreach (var breakage in breakages)
        {
            await breakage();
            Assert.NotEqual(ProxyStatus.Answering, (await world.Proxy.ProbeAsync(CancellationToken.None)).Status);
            var doctor = await ProxyDoctorCheck.RunAsync(world.Options, CancellationToken.None);
            Assert.Contains("deploy", doctor.Fix ?? doctor.Detail, StringComparison.Ordinal);

            var repaired = await world.Proxy.EnsureAsync([production], CancellationToken.None);

            Assert.Equal(ProxyAction.Repaired, repaired.Action);
            Assert.Equal(before, await world.Proxy.StatesAsync(CancellationToken.None));
            Assert.Equal((HttpStatusCode.OK, "A", (string?)null), await ProxyWorld.GetAsync(production));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Back soon", "30"), await ProxyWorld.GetAsync(staging));
        }
        Assert.Contains(world.Log.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.RenderMessage().Contains("repaired", StringComparison.Ordinal));
        Assert.Equal(ProxyAction.Unchanged, (await world.Proxy.EnsureAsync([production, staging], CancellationToken.None)).Action);
    }

    [Fact]
    public async Task A_route_on_a_new_port_recreates_the_proxy_and_one_on_a_published_port_reloads_it_keeping_targets()
    {
        await using var world = await ProxyWorld.CreateAsync();
        var production = world.Route("production");
        await world.Proxy.EnsureAsync([production], CancellationToken.None);
        var a = await world.UpstreamAsync("A");
        var b = await world.UpstreamAsync("B");
        await world.Proxy.SwitchAsync(production.Name, a, CancellationToken.None);

        var staging = world.Route("staging");
        var recreated = await world.Proxy.EnsureAsync([staging], CancellationToken.None);
        Assert.Equal(ProxyAction.Recreated, recreated.Action);
        Assert.Contains("fixed when a container is created", recreated.Reason, StringComparison.Ordinal);
        Assert.Equal("A", (await ProxyWorld.GetAsync(production)).Body);

        var api = world.Route("api", "api.example.test", production.Port);
        var reloaded = await world.Proxy.EnsureAsync([api], CancellationToken.None);
        await world.Proxy.SwitchAsync(api.Name, b, CancellationToken.None);
        Assert.Equal(ProxyAction.Reloaded, reloaded.Action);
        Assert.Equal("B", (await ProxyWorld.GetAsync(api, "api.example.test")).Body);
        Assert.Equal("A", (await ProxyWorld.GetAsync(production)).Body);
        Assert.Equal([production.Name, staging.Name, api.Name], (await world.Proxy.StatesAsync(CancellationToken.None)).Select(s => s.Route.Name));
    }
}
