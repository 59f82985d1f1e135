using Pipeline.Machine;
using Pipeline.Model;

namespace Pipeline.Tests.Machine;

public sealed class MachineFactsTests
{
    [Theory]
    [InlineData("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"", true)]
    [InlineData("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian", true)]
    [InlineData("ID=linuxmint\nID_LIKE=\"ubuntu debian\"", true)]
    [InlineData("ID=\"fedora\"\n# comment\nID_LIKE=\"rhel centos\"", false)]
    [InlineData("", false)]
    public void Os_release_decides_whether_apt_get_is_the_way(string text, bool debianLike) =>
        Assert.Equal(debianLike, OsRelease.Parse(text).IsDebianLike);

    [Fact]
    public async Task This_machine_is_known_by_its_os_release_and_effective_user_id()
    {
        var facts = MachineFacts.Detect();
        var uid = await new Pipeline.Tools.ExternalTool("id").RunCheckedAsync(["-u"]);

        Assert.Equal(OsRelease.Read().IsDebianLike, facts.IsDebian);
        Assert.Equal(uid.StandardOutput.Trim() == "0", facts.IsRoot);
        Assert.False(string.IsNullOrWhiteSpace(facts.OsName));
    }

    [Fact]
    public void Static_busybox_is_told_apart_from_a_dynamically_linked_program()
    {
        Assert.True(ElfFile.IsStatic("/bin/busybox"), "/bin/busybox should be the static one from busybox-static; run './build.sh Setup'.");
        Assert.False(ElfFile.IsStatic(Environment.ProcessPath!));
        Assert.False(ElfFile.IsStatic("/etc/os-release"));
    }

    [Theory]
    [InlineData("localhost:5000", "localhost", 5000, true)]
    [InlineData("127.0.0.1:5999", "127.0.0.1", 5999, true)]
    [InlineData("registry.example.com:443", "registry.example.com", 443, false)]
    public void Registry_addresses_are_parsed_and_always_served_on_loopback(string value, string host, int port, bool local)
    {
        var address = RegistryAddress.Parse(value);

        Assert.Equal((host, port, local), (address.Host, address.Port, address.IsLocal));
        Assert.Equal($"127.0.0.1:{port}", address.ListenAddress);
        Assert.Equal($"http://{value}/v2/", address.ApiRoot.ToString());
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("localhost:5000/path")]
    [InlineData(" ")]
    public void Registry_addresses_that_are_not_host_and_port_are_refused_with_an_example(string value) =>
        Assert.Contains(MachineOptions.DefaultRegistry, Assert.ThrowsAny<ArgumentException>(() => RegistryAddress.Parse(value)).Message);

    [Fact]
    public void Default_registry_data_directory_is_outside_the_checkout()
    {
        var expected = MachineFacts.IsEffectiveRoot ? "/var/lib/app-pipeline/registry" : "/.local/share/app-pipeline/registry";

        Assert.EndsWith(expected, MachineOptions.DefaultRegistryDataDirectory);
        Assert.Equal(MachineOptions.DefaultRegistryDataDirectory, new MachineOptions("/repo").RegistryDataDirectory);
    }
}
