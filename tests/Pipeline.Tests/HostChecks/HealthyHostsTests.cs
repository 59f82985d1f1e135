using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Machine;
using Pipeline.Model;
using Pipeline.Proxy;
using Serilog.Core;
using Pipeline.Tests.Support.Servers;

namespace Pipeline.Tests.HostChecks;

/// <summary><c>Doctor --environment</c> on an environment of two real servers over SSH, before any deploy.</summary>
public sealed class HealthyHostsTests(TwoServers servers) : IClassFixture<TwoServers>
{
    [Fact]
    public async Task Every_row_passes_with_the_engine_version_free_disk_a_proxy_not_created_yet_and_the_registry_carried_over_ssh()
    {
        var environment = HostDoctorOptions.Environment(servers.Servers[0].Host, servers.Servers[1].Host);

        var report = await HostDoctor.CheckAsync(environment, HostDoctorOptions.With(servers.Ssh), CancellationToken.None);

        var text = HostDoctorOptions.Text(report);
        Assert.True(report.FailedHosts.Count == 0, text);
        Assert.Equal(environment.Hosts, report.Rows.Select(r => r.Host));
        foreach (var row in report.Rows)
        {
            Assert.Equal(HostCell.Ok("authenticated", row.Ssh.Detail), row.Ssh);
            Assert.Matches(@"^OK \S+ \(API 1\.\d+\)$", row.Engine.ToString());
            Assert.Matches(@"^(OK|WARNING) \d+\.\d GB free$", row.Disk.ToString());
            Assert.Equal("OK not created yet", row.Proxy.ToString());
            Assert.Equal("OK carried over SSH", row.Registry.ToString());
            Assert.Contains("answered 200", row.Registry.Detail);
        }
        Assert.Contains($"All 2 host(s) of {environment.Name} are ready.", text);
        Assert.Contains("Compose runs on this machine", text);
    }

    [Fact]
    public async Task A_proxy_running_on_a_server_answers_through_the_forward_and_a_stopped_one_is_a_warning_with_the_fix()
    {
        var server = servers.Servers[0];
        var options = HostDoctorOptions.With(servers.Ssh);
        var environment = HostDoctorOptions.Environment(server.Host);
        {
            await using var connection = await Engine.ConnectAsync(server.Host, servers.Ssh, CancellationToken.None);
            await using var api = await connection.ForwardAsync("127.0.0.1", options.Proxy.ApiPort);
            using var local = await Engine.ConnectAsync(CancellationToken.None);
            var proxy = new EdgeProxy(connection.Client, options.Proxy with { ApiReachPort = api.Port }, Logger.None)
            {
                EnsureImage = async (engine, log, ct) =>
                {
                    await ProxyImage.EnsureAsync(local, log, ct);
                    await ImageCopy.EnsureAsync(local, engine, ProxyImage.Tag, server.Name, log, ct);
                },
            };
            await proxy.EnsureAsync([new ProxyRoute("doctor", environment.Port)], CancellationToken.None);
        }

        var answering = await HostDoctor.CheckAsync(environment, options, CancellationToken.None);
        await using (var connection = await Engine.ConnectAsync(server.Host, servers.Ssh, CancellationToken.None))
            await connection.Client.Containers.StopContainerAsync(options.Proxy.ContainerName, new ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        var stopped = await HostDoctor.CheckAsync(environment, options, CancellationToken.None);

        Assert.True(answering.Rows[0].Proxy.ToString() == "OK answering, 1 route(s)", $"{answering.Rows[0].Proxy} {answering.Rows[0].Proxy.Detail}");
        Assert.Equal("WARNING stopped", stopped.Rows[0].Proxy.ToString());
        Assert.Contains($"docker start {options.Proxy.ContainerName}", stopped.Rows[0].Proxy.Fix);
        Assert.Empty(stopped.FailedHosts);
    }

    [Fact]
    public async Task A_registry_the_server_cannot_reach_fails_the_registry_cell_with_what_the_server_saw_and_the_fix()
    {
        var server = servers.Servers[1];
        var options = HostDoctorOptions.With(servers.Ssh) with { Registry = RegistryAddress.Parse("127.0.0.2:1") };

        var report = await HostDoctor.CheckAsync(HostDoctorOptions.Environment(server.Host), options, CancellationToken.None);

        var row = Assert.Single(report.Rows);
        Assert.Equal([server.Host], report.FailedHosts);
        Assert.Equal("FAILED not reachable", row.Registry.ToString());
        Assert.Contains($"Make 127.0.0.2:1 reachable from {server.Name}", row.Registry.Fix);
        Assert.Contains($"GET http://127.0.0.2:1/v2/ from {server.Name} answered curl: (7) Failed to connect", row.Registry.Detail);
        Assert.Equal("OK authenticated", row.Ssh.ToString());
    }

    [Fact]
    public async Task The_registry_carried_for_the_check_is_taken_back_afterwards()
    {
        var server = servers.Servers[0];
        await HostDoctor.CheckAsync(HostDoctorOptions.Environment(server.Host), HostDoctorOptions.With(servers.Ssh), CancellationToken.None);

        await using var connection = await Engine.ConnectAsync(server.Host, servers.Ssh, CancellationToken.None);
        var probe = await connection.Ssh!.RunAsync(["curl", "-sS", "-o", "/dev/null", "-m", "5", "http://127.0.0.1:5000/v2/"], CancellationToken.None);
        Assert.False(probe.Succeeded, "the server's 127.0.0.1:5000 still reaches the registry after Doctor");
        Assert.Contains("Failed to connect to 127.0.0.1 port 5000", probe.StandardError);
    }
}
