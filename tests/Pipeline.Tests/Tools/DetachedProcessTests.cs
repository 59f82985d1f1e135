using Pipeline.Tests.Support;
using Pipeline.Tools;

namespace Pipeline.Tests.Tools;

public sealed class DetachedProcessTests
{
    [Fact]
    public async Task Started_process_leads_its_own_session_and_writes_to_its_log()
    {
        var dir = TestMachine.TempDirectory("detached");
        var logFile = Path.Combine(dir, "logs", "service.log");
        var pid = await DetachedProcess.StartAsync(["sh", "-c", "echo started; echo oops >&2; exec sleep 30"], logFile);
        try
        {
            Assert.True(DetachedProcess.IsRunning(pid));
            Assert.Equal(pid, SessionOf(pid));
            Assert.NotEqual(SessionOf(Environment.ProcessId), SessionOf(pid));
            for (var i = 0; i < 40 && !DetachedProcess.Tail(logFile).Contains("oops"); i++)
                await Task.Delay(50);
            Assert.Equal("started\noops", DetachedProcess.Tail(logFile));
        }
        finally
        {
            TestMachine.Kill(pid);
            TestMachine.Delete(dir);
        }
        for (var i = 0; i < 40 && DetachedProcess.IsRunning(pid); i++)
            await Task.Delay(50);
        Assert.False(DetachedProcess.IsRunning(pid));
    }

    [Fact]
    public void Tail_keeps_the_last_lines_and_says_when_there_is_nothing()
    {
        var dir = TestMachine.TempDirectory("tail");
        try
        {
            var file = Path.Combine(dir, "log");
            Assert.Equal("(no output)", DetachedProcess.Tail(file));
            File.WriteAllLines(file, Enumerable.Range(1, 30).Select(i => $"line {i}"));
            Assert.Equal("line 28\nline 29\nline 30", DetachedProcess.Tail(file, 3));
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    private static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3]);
    }
}
