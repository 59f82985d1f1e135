using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace Pipeline.Tests.Hosts;

public sealed class DialStdioTests(ServerWithoutSocketForwarding fixture) : IClassFixture<ServerWithoutSocketForwarding>
{
    [Fact]
    public async Task A_server_that_refuses_socket_forwards_is_reached_through_dial_stdio_by_the_api_and_the_cli_alike()
    {
        var server = fixture.Servers[0];
        await using var connection = await Engine.ConnectAsync(server.Host, fixture.Ssh, CancellationToken.None);
        var docker = new ExternalTool("docker").WithEnvironment("DOCKER_HOST", connection.DockerHost.ToString());

        var info = await connection.Client.System.GetSystemInfoAsync();
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => connection.Client.System.GetVersionAsync()));
        var containers = await connection.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        var cli = await docker.RunCheckedAsync(["info", "--format", "{{.DockerRootDir}}"]);

        Assert.Equal("ssh docker system dial-stdio", connection.Transport);
        Assert.Equal(Path.Combine(server.Folder, "data"), info.DockerRootDir);
        Assert.All(versions, version => Assert.Equal(info.ServerVersion, version.Version));
        Assert.Empty(containers);
        Assert.Equal(info.DockerRootDir, cli.StandardOutput.Trim());
    }
}
