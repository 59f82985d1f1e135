using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class LogFileTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Log_file_is_closed_when_the_run_returns()
    {
        Assert.Equal(0, root.Run<ChainBuild>("Restore").ExitCode);

        var file = Assert.Single(Directory.GetFiles(root.Combine("logs", "build")));
        using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.Length > 0);
    }

    [Fact]
    public void Log_file_holds_target_starts_and_the_summary()
    {
        Assert.Equal(0, root.Run<ChainBuild>("Compile").ExitCode);

        var log = root.LogFiles();
        Assert.Contains("Target Restore started", log);
        Assert.Contains("Target Compile Succeeded in", log);
        Assert.Matches(@"Compile\s+Succeeded", log);
        Assert.Contains("Build succeeded", log);
    }

    [Fact]
    public void Second_run_the_same_day_appends_to_the_log_file()
    {
        root.Run<ChainBuild>("Restore");
        var first = root.LogFiles();
        root.Run<ChainBuild>("Restore");

        Assert.StartsWith(first, root.LogFiles());
        Assert.True(root.LogFiles().Length > first.Length);
    }
}
