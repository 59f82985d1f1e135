using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace Pipeline.Tests.Hosts;

public sealed class HostErrorTests(ServerWithoutEngine fixture) : IClassFixture<ServerWithoutEngine>
{
    TestServer Server => fixture.Servers[0];

    [Fact]
    public async Task A_host_where_nothing_listens_is_unreachable_with_the_port_of_the_ssh_config_and_the_command_to_check()
    {
        var error = await ConnectWithAsync(fixture.Entry(Server) with { Port = 2222 });

        Assert.Equal(HostFailure.Unreachable, error.Failure);
        Assert.Contains($"Cannot reach {Server.Name} over SSH", error.Message);
        Assert.Contains($"that {Server.Address} resolves and that sshd listens on port 2222 there", error.Message);
        Assert.DoesNotContain("port 22 ", error.Message);
        Assert.Contains("Connection refused", error.Message);
        Assert.Contains($"ssh -F ", error.Message);
        Assert.Contains($"{Server.Name} true", error.Message);
    }

    [Fact]
    public async Task A_key_the_server_does_not_accept_is_refused_with_how_to_authorise_it_and_no_key_material()
    {
        var folder = TestMachine.TempDirectory("ssh-other-key");
        try
        {
            var otherKey = Path.Combine(folder, "other_key");
            await new ExternalTool("ssh-keygen").RunCheckedAsync(["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);

            var error = await ConnectWithAsync(fixture.Entry(Server) with { IdentityFile = otherKey });

            Assert.Equal(HostFailure.AuthenticationRefused, error.Failure);
            Assert.Contains($"{Server.Name} refused every SSH key offered", error.Message);
            Assert.Contains($"ssh-copy-id {Server.Name}", error.Message);
            foreach (var key in new[] { otherKey, otherKey + ".pub", fixture.ClientKey, fixture.ClientKey + ".pub" })
                Assert.DoesNotContain(File.ReadAllText(key).Split(' ', '\n').OrderByDescending(part => part.Length).First(), error.Message);
            Assert.DoesNotContain("PRIVATE KEY", error.Message);
        }
        finally
        {
            TestMachine.Delete(folder);
        }
    }

    [Fact]
    public async Task A_server_whose_host_key_is_not_known_is_refused_with_how_to_record_it()
    {
        var folder = TestMachine.TempDirectory("ssh-empty-known-hosts");
        try
        {
            var knownHosts = Path.Combine(folder, "known_hosts");
            File.WriteAllText(knownHosts, "");

            var error = await ConnectWithAsync(fixture.Entry(Server) with { KnownHostsFile = knownHosts });

            Assert.Equal(HostFailure.UnknownHostKey, error.Failure);
            Assert.Contains($"The SSH host key of {Server.Name} is not in known_hosts", error.Message);
            Assert.Contains($"ssh-keyscan -p 22 {Server.Address} >> ~/.ssh/known_hosts", error.Message);
            Assert.Equal("", File.ReadAllText(knownHosts));
        }
        finally
        {
            TestMachine.Delete(folder);
        }
    }

    [Fact]
    public async Task A_server_without_an_engine_is_named_with_what_docker_said_and_how_to_install_it()
    {
        var error = await Assert.ThrowsAsync<HostConnectionException>(() => Engine.ConnectAsync(Server.Host, fixture.Ssh, CancellationToken.None));

        Assert.Equal(HostFailure.NoEngine, error.Failure);
        Assert.Equal(Server.Host, error.Host);
        Assert.Contains($"{Server.Name} answers over SSH but no Docker engine answers there", error.Message);
        Assert.Contains(Server.EngineSocket, error.Message);
        Assert.Contains("apt-get install docker.io", error.Message);
        Assert.Contains($"{Server.Name} docker version", error.Message);
    }

    async Task<HostConnectionException> ConnectWithAsync(SshClientConfig entry)
    {
        var config = Path.Combine(fixture.Folder, $"ssh_config-{Guid.NewGuid():N}");
        SshClientConfig.Write(config, [entry]);
        try
        {
            var error = await Assert.ThrowsAsync<HostConnectionException>(() => Engine.ConnectAsync(Server.Host, new SshOptions(config), CancellationToken.None));
            Assert.Equal(Server.Host, error.Host);
            return error;
        }
        finally
        {
            File.Delete(config);
        }
    }
}
