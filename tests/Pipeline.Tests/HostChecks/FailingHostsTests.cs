using Pipeline.Hosts;
using Pipeline.Machine;
using Pipeline.Model;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace Pipeline.Tests.HostChecks;

/// <summary>
/// <c>Doctor --environment</c> when hosts fail: a server without an engine, a server where nothing listens, a server that refuses the key.
/// Each failing row names the fix; this machine's engine, listed beside them, still gets its full row.
/// </summary>
public sealed class FailingHostsTests(ServerWithoutEngine fixture) : IClassFixture<ServerWithoutEngine>
{
    TestServer Server => fixture.Servers[0];

    [Fact]
    public async Task A_server_without_an_engine_fails_its_engine_cell_with_how_to_install_it_and_the_other_row_still_shows()
    {
        var report = await HostDoctor.CheckAsync(HostDoctorOptions.Environment(Server.Host, Host.Local), HostDoctorOptions.With(fixture.Ssh), CancellationToken.None);

        var text = HostDoctorOptions.Text(report);
        Assert.Equal([Server.Host], report.FailedHosts);
        var failed = report.Rows[0];
        Assert.Equal("OK authenticated", failed.Ssh.ToString());
        Assert.Equal("FAILED no engine", failed.Engine.ToString());
        Assert.Contains("apt-get install docker.io", failed.Engine.Fix);
        Assert.Equal(["-", "-", "-"], new[] { failed.Disk, failed.Proxy, failed.Registry }.Select(c => c.ToString()));
        AssertLocalRowPasses(report.Rows[1]);
        Assert.Contains($"  {Server.Name} Engine: {Server.Name} answers over SSH but no Docker engine answers there", text);
        Assert.Contains($"1 of 2 host(s) of {report.Environment.Name} failed: {Server.Name}.", text);
        Assert.Contains($"'./build.sh Doctor --environment {report.Environment.Name}' again", text);
    }

    [Fact]
    public async Task A_server_where_nothing_listens_and_one_that_refuses_the_key_each_fail_their_ssh_cell_with_the_fix()
    {
        var folder = TestMachine.TempDirectory("doctor-hosts");
        try
        {
            var otherKey = Path.Combine(folder, "other_key");
            await new ExternalTool("ssh-keygen").RunCheckedAsync(["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
            var down = fixture.Entry(Server) with { Alias = Server.Name + "-down", Port = 2222 };
            var refused = fixture.Entry(Server) with { Alias = Server.Name + "-refused", IdentityFile = otherKey };
            var config = Path.Combine(folder, "ssh_config");
            SshClientConfig.Write(config, [down, refused]);
            var environment = HostDoctorOptions.Environment(Host.Parse("ssh://" + down.Alias), Host.Parse("ssh://" + refused.Alias), Host.Local);

            var report = await HostDoctor.CheckAsync(environment, HostDoctorOptions.With(new SshOptions(config)), CancellationToken.None);

            var text = HostDoctorOptions.Text(report);
            Assert.Equal(environment.Hosts.Take(2), report.FailedHosts);
            Assert.Equal("FAILED unreachable", report.Rows[0].Ssh.ToString());
            Assert.Contains($"Cannot reach {down.Alias} over SSH", report.Rows[0].Ssh.Fix);
            Assert.Contains("port 2222", report.Rows[0].Ssh.Fix);
            Assert.Equal("FAILED key refused", report.Rows[1].Ssh.ToString());
            Assert.Contains($"ssh-copy-id {refused.Alias}", report.Rows[1].Ssh.Fix);
            Assert.All(report.Rows.Take(2), row => Assert.Equal(["-", "-", "-", "-"], row.Cells.Skip(1).Select(c => c.ToString())));
            AssertLocalRowPasses(report.Rows[2]);
            Assert.Contains($"2 of 3 host(s) of {environment.Name} failed: {down.Alias}, {refused.Alias}.", text);
            Assert.DoesNotContain("PRIVATE KEY", text);
        }
        finally
        {
            TestMachine.Delete(folder);
        }
    }

    static void AssertLocalRowPasses(HostRow row)
    {
        Assert.Equal(Host.Local, row.Host);
        Assert.False(row.Failed, string.Join(" | ", row.Cells.Select(c => $"{c} {c.Fix} {c.Detail}")));
        Assert.Equal("- (this machine)", row.Ssh.ToString());
        Assert.Matches(@"^OK \S+ \(API 1\.\d+\)$", row.Engine.ToString());
        Assert.Equal("OK not created yet", row.Proxy.ToString());
        Assert.Equal("OK localhost:5000", row.Registry.ToString());
    }
}
