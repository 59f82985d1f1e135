using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class FailureTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Failing_target_stops_the_run_and_exits_1()
    {
        var r = root.Run<FailureBuild>("AfterBroken", "Independent");

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Equal(["Setup", "Broken"], r.Ran);
        Assert.Equal(TargetStatus.Failed, r.Target("Broken").Status);
        Assert.Equal(TargetStatus.NotRun, r.Target("AfterBroken").Status);
        Assert.Equal(TargetStatus.NotRun, r.Target("Independent").Status);
        Assert.Contains("boom: the compiler crashed", r.Target("Broken").Reason);
    }

    [Fact]
    public void Failure_is_reported_in_the_log_and_the_summary()
    {
        var r = root.Run<FailureBuild>("AfterBroken");

        Assert.Contains("Target Broken failed: boom: the compiler crashed", r.Output);
        Assert.Matches(@"(?m)^ ?Broken\s+Failed\s+\S+s\s+boom", r.Output);
        Assert.Matches(@"(?m)^ ?AfterBroken\s+NotRun\s+", r.Output);
        Assert.Contains("Build failed", r.Output);
    }

    [Fact]
    public void ProceedAfterFailure_lets_independent_targets_run_but_not_dependents()
    {
        var r = root.Run<FailureBuild>("Flaky", "AfterFlaky", "Independent");

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Equal(["Flaky", "Independent"], r.Ran);
        Assert.Equal(TargetStatus.Failed, r.Target("Flaky").Status);
        Assert.Equal(TargetStatus.NotRun, r.Target("AfterFlaky").Status);
        Assert.Contains("Flaky", r.Target("AfterFlaky").Reason);
        Assert.Equal(TargetStatus.Succeeded, r.Target("Independent").Status);
    }

    [Fact]
    public void AssuredAfterFailure_runs_after_a_failure()
    {
        var r = root.Run<FailureBuild>("Broken", "Independent", "ReleaseLock");

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Equal(["Setup", "Broken", "ReleaseLock"], r.Ran);
        Assert.Equal(TargetStatus.NotRun, r.Target("Independent").Status);
        Assert.Equal(TargetStatus.Succeeded, r.Target("ReleaseLock").Status);
    }

    [Fact]
    public void Successful_run_exits_0()
    {
        var r = root.Run<FailureBuild>("Fine", "ReleaseLock");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Fine", "ReleaseLock"], r.Ran);
        Assert.Contains("Build succeeded", r.Output);
    }
}
