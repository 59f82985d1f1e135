using Pipeline.Machine;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Machine;

public sealed class StalePidFileTests
{
    [Fact]
    public void A_pid_file_of_a_gone_process_is_removed_and_a_live_one_is_kept()
    {
        var folder = Directory.CreateTempSubdirectory("pidfile-").FullName;
        try
        {
            var (log, sink) = InMemorySink.CreateLogger();
            var gone = Path.Combine(folder, "gone.pid");
            File.WriteAllText(gone, "999999\n");
            var live = Path.Combine(folder, "live.pid");
            File.WriteAllText(live, Environment.ProcessId.ToString());
            var self = File.ReadAllText($"/proc/{Environment.ProcessId}/comm").Trim();

            Assert.True(StalePidFile.RemoveIfStale(gone, "dockerd", log));
            Assert.False(File.Exists(gone));
            Assert.False(StalePidFile.RemoveIfStale(live, self, log));
            Assert.True(File.Exists(live));
            Assert.True(StalePidFile.RemoveIfStale(live, "dockerd", log));
            Assert.Contains(sink.Messages, m => m.Contains("999999") && m.Contains("stale"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
