using Pipeline.Tests.Support;
using Pipeline.Tools;
using Serilog.Events;

namespace Pipeline.Tests.Tools;

public sealed class ExternalToolTests
{
    [Fact]
    public async Task Stderr_lines_are_logged_as_information_not_as_errors()
    {
        var (log, sink) = InMemorySink.CreateLogger();

        var result = await new ExternalTool("sh").WithLog(log).RunAsync(["-c", "echo to-stdout; echo to-stderr >&2; exit 3"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("to-stderr", result.StandardError.Trim());
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Information && e.RenderMessage().Contains("to-stderr"));
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Information && e.RenderMessage().Contains("to-stdout"));
        Assert.All(sink.Events, e => Assert.Equal(LogEventLevel.Information, e.Level));
    }

    [Fact]
    public async Task A_failing_checked_run_names_the_command_and_its_output()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ExternalTool("sh").RunCheckedAsync(["-c", "echo broken >&2; exit 2"]));

        Assert.Contains("exited with code 2", error.Message);
        Assert.Contains("broken", error.Message);
    }
}
