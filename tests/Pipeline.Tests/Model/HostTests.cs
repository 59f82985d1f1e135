using Pipeline.Model;
using Xunit;

namespace Pipeline.Tests.Model;

public sealed class HostTests
{
    [Fact]
    public void Local_is_the_pipelines_own_engine()
    {
        var host = Host.Parse(" local ");
        Assert.Same(Host.Local, host);
        Assert.Equal(HostKind.Local, host.Kind);
        Assert.False(host.IsRemote);
    }

    [Theory]
    [InlineData("ssh://deploy@web1", "deploy@web1", "deploy@web1", 22)]
    [InlineData("ssh://web1:2222", "web1:2222", "web1", 2222)]
    [InlineData("ssh://root@10.0.0.2:22/", "root@10.0.0.2", "root@10.0.0.2", 22)]
    public void Ssh_hosts_keep_user_server_and_port(string text, string name, string destination, int port)
    {
        var host = Host.Parse(text);
        Assert.Equal(HostKind.Ssh, host.Kind);
        Assert.True(host.IsRemote);
        Assert.Equal(name, host.Name);
        Assert.Equal(destination, host.SshDestination);
        Assert.Equal(port, host.SshPort);
    }

    [Fact]
    public void Unix_hosts_name_their_socket()
    {
        var host = Host.Parse("unix:///run/srv1/docker.sock");
        Assert.Equal(HostKind.Unix, host.Kind);
        Assert.Equal("/run/srv1/docker.sock", host.Name);
        Assert.Equal("unix:///run/srv1/docker.sock", host.Endpoint!.ToString());
    }

    [Theory]
    [InlineData("", "not an address")]
    [InlineData("web1", "not an address")]
    [InlineData("tcp://web1:2375", "scheme 'tcp'")]
    [InlineData("ssh://user:secret@web1", "no password")]
    [InlineData("ssh://web1/var/run", "no password, path")]
    [InlineData("unix://", "names no socket")]
    public void Anything_else_is_refused_with_the_accepted_forms(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => Host.Parse(text));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("ssh://user@server[:port]", error.Message, StringComparison.Ordinal);
    }
}
