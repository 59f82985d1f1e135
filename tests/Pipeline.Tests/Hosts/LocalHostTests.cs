using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Model;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Hosts;

public sealed class LocalHostTests
{
    [Fact]
    public async Task The_local_engine_is_connected_as_before_and_its_forwards_are_the_addresses_themselves()
    {
        await using var connection = await Engine.ConnectAsync(Host.Local, SshOptions.Default, CancellationToken.None);
        await using var forward = await connection.ForwardAsync("10.1.2.3", 8080);
        await using var reverse = await connection.ReverseForwardAsync(5000);

        Assert.Equal(new Uri(Engine.Endpoint), connection.DockerHost);
        Assert.Equal("local engine " + Engine.Endpoint, connection.Transport);
        Assert.Null(connection.Ssh);
        Assert.Equal("10.1.2.3:8080", forward.ToString());
        Assert.Equal(new Uri("http://10.1.2.3:8080/health"), forward.Http("/health"));
        Assert.Equal("127.0.0.1:5000", reverse.ToString());
        await connection.Client.System.PingAsync();
    }

    [Fact]
    public async Task A_unix_host_is_reached_at_its_socket_and_a_socket_without_an_engine_is_named_in_the_error()
    {
        var socket = new Uri(Engine.Endpoint).AbsolutePath;
        await using (var connection = await Engine.ConnectAsync(Host.Parse("unix://" + socket), SshOptions.Default, CancellationToken.None))
        {
            Assert.Equal("unix://" + socket, connection.DockerHost.ToString());
            Assert.Equal(socket, connection.Host.Name);
        }
        var folder = TestMachine.TempDirectory("unix-host");
        try
        {
            var missing = Path.Combine(folder, "docker.sock");

            var error = await Assert.ThrowsAsync<EngineUnavailableException>(() => Engine.ConnectAsync(Host.Parse("unix://" + missing), SshOptions.Default, CancellationToken.None));

            Assert.Contains($"No Docker engine answers at unix://{missing}", error.Message);
            Assert.Contains("./build.sh Doctor", error.Message);
        }
        finally
        {
            TestMachine.Delete(folder);
        }
    }
}
