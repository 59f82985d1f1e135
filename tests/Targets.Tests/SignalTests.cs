using Targets.Tests.Fixtures;

namespace Targets.Tests;

/// <summary>Ctrl-C and SIGTERM against a real child process running tests/Targets.Tests.Sample.</summary>
public sealed class SignalTests : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    string Marker => root.Combine("released.txt");

    async Task<(int ExitCode, string Output)> InterruptAsync(int signal)
    {
        Assert.True(File.Exists(SampleProcess.Dll), $"Build tests/Targets.Tests.Sample first: {SampleProcess.Dll} is missing");
        using var sample = new SampleProcess(root.Path, "Long", "Release", "--no-logo", "--marker-folder", root.Path);
        await sample.WaitUntilStartedAsync(Timeout);
        Assert.False(File.Exists(Marker), "Release ran before Long was interrupted");

        sample.Signal(signal);

        return (await sample.WaitForExitAsync(Timeout), sample.Output);
    }

    [Fact]
    public async Task Ctrl_C_aborts_the_running_target_and_runs_assured_targets()
    {
        var (exitCode, output) = await InterruptAsync(SampleProcess.SIGINT);

        Assert.Equal(BuildHost.Cancelled, exitCode);
        Assert.True(File.Exists(Marker), $"the assured target did not run:\n{output}");
        Assert.Matches(@"(?m)^ ?Long\s+Aborted\b", output);
        Assert.Matches(@"(?m)^ ?Release\s+Succeeded\b", output);
        Assert.Contains("SIGINT received: stopping the running target", output);
        Assert.Contains("Build failed", output);
    }

    [Fact]
    public async Task SIGTERM_aborts_the_running_target_and_runs_assured_targets()
    {
        var (exitCode, output) = await InterruptAsync(SampleProcess.SIGTERM);

        Assert.Equal(BuildHost.Cancelled, exitCode);
        Assert.True(File.Exists(Marker), $"the assured target did not run:\n{output}");
        Assert.Matches(@"(?m)^ ?Long\s+Aborted\b", output);
        Assert.Contains("SIGTERM received", output);
    }

    [Fact]
    public async Task Sample_without_a_signal_is_a_control()
    {
        Assert.True(File.Exists(SampleProcess.Dll), SampleProcess.Dll);
        using var sample = new SampleProcess(root.Path, "Release", "--no-logo", "--marker-folder", root.Path);

        Assert.Equal(0, await sample.WaitForExitAsync(Timeout));
        Assert.True(File.Exists(Marker));
        Assert.Matches(@"(?m)^ ?Release\s+Succeeded\b", sample.Output);
    }
}
