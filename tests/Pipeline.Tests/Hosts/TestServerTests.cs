using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace Pipeline.Tests.Hosts;

public sealed class TestServerTests
{
    [Fact]
    public async Task The_servers_of_a_test_process_that_died_are_removed_by_the_next_fixture()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateDirectory($"/tmp/pts-{id}").FullName;
        var keys = TestMachine.TempDirectory("ssh-leftover-key");
        try
        {
            await new ExternalTool("ssh-keygen").RunCheckedAsync(["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(keys, "key")]);
            await TestServer.StartAsync($"pts{id}0", Path.Combine(folder, "0"), Path.Combine(keys, "key.pub"), withEngine: true);
            using var dead = System.Diagnostics.Process.Start("true");
            await dead.WaitForExitAsync();
            File.WriteAllText(Path.Combine(folder, "owner"), dead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains($"pts{id}0", (await new ExternalTool("ip").RunCheckedAsync(["netns", "list"])).StandardOutput);

            var next = new ServerWithoutEngine();
            await next.InitializeAsync();
            await next.DisposeAsync();

            Assert.False(Directory.Exists(folder), $"{folder} is left behind");
            Assert.DoesNotContain($"pts{id}0", (await new ExternalTool("ip").RunCheckedAsync(["netns", "list"])).StandardOutput);
            Assert.DoesNotContain($"pts{id}0h", (await new ExternalTool("ip").RunCheckedAsync(["-o", "link"])).StandardOutput);
            Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), line => line.Contains(folder, StringComparison.Ordinal));
        }
        finally
        {
            await TestServer.RemoveAsync($"pts{id}0", Path.Combine(folder, "0"));
            TestMachine.Delete(folder);
            TestMachine.Delete(keys);
        }
    }
}
