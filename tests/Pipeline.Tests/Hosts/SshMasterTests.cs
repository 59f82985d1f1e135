using System.Diagnostics;
using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace Pipeline.Tests.Hosts;

/// <summary>The SSH master's watcher: a master outlives no process that owns it, even one killed with SIGKILL.</summary>
public sealed class SshMasterTests(ServerWithoutEngine fixture) : IClassFixture<ServerWithoutEngine>
{
    [Fact]
    public async Task The_master_of_a_process_killed_with_SIGKILL_ends_and_its_control_socket_is_removed()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "infinity"))!;
        await using var master = await SshMaster.ConnectAsync(fixture.Servers[0].Host, fixture.Ssh, owner.Id, CancellationToken.None);
        var socket = Path.Combine(master.Folder, "ctl");
        try
        {
            Assert.True(DetachedProcess.IsRunning(master.ProcessId), "the master is not running");
            Assert.True(File.Exists(socket), $"the master has no control socket {socket}");
            Assert.True((await master.RunAsync(["true"], CancellationToken.None)).Succeeded, "a command through the master failed");

            owner.Kill();
            await owner.WaitForExitAsync();

            Assert.True(await Poll.UntilTrueAsync(_ => Task.FromResult(!DetachedProcess.IsRunning(master.ProcessId) && !Directory.Exists(master.Folder)),
                new PollOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30)), CancellationToken.None),
                $"30 s after its owner was killed, the master {(DetachedProcess.IsRunning(master.ProcessId) ? "still runs" : "ended")} and {master.Folder} {(Directory.Exists(master.Folder) ? "is still there" : "is gone")}");
            Assert.False(File.Exists(socket));
        }
        finally
        {
            if (!owner.HasExited)
                owner.Kill();
        }
    }
}
