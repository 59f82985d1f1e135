using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class ConditionTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void False_static_condition_skips_the_target_with_the_condition_text()
    {
        var r = root.Run<ConditionBuild>("Compile");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("Compile", r.Ran);
        Assert.Equal(TargetStatus.Skipped, r.Target("Compile").Status);
        Assert.Contains("Enabled", r.Target("Compile").Reason);
        Assert.Matches(@"(?m)^ ?Compile\s+Skipped\s+condition false: Enabled", r.Output);
    }

    [Fact]
    public void True_static_condition_runs_the_target()
    {
        var r = root.Run<ConditionBuild>("Compile", "--enabled");

        Assert.Equal(["Restore", "Compile"], r.Ran);
    }

    [Fact]
    public void Dependencies_of_a_skipped_target_still_run_by_default()
    {
        var r = root.Run<ConditionBuild>("Compile");

        Assert.Equal(["Restore"], r.Ran);
        Assert.Equal(TargetStatus.Succeeded, r.Target("Restore").Status);
    }

    [Fact]
    public void WhenSkipped_Skip_skips_the_dependencies_too()
    {
        var r = root.Run<ConditionBuild>("Package");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Equal(TargetStatus.Skipped, r.Target("Bundle").Status);
        Assert.Equal(TargetStatus.Skipped, r.Target("Package").Status);
    }

    [Fact]
    public void WhenSkipped_Skip_keeps_dependencies_another_target_needs()
    {
        var r = root.Run<ConditionBuild>("Package", "Docs");

        Assert.Equal(["Bundle", "Docs"], r.Ran);
        Assert.Equal(TargetStatus.Skipped, r.Target("Package").Status);
    }

    [Fact]
    public void WhenSkipped_Skip_has_no_effect_when_the_target_runs()
    {
        var r = root.Run<ConditionBuild>("Package", "--enabled");

        Assert.Equal(["Bundle", "Package"], r.Ran);
    }

    [Fact]
    public void Dynamic_condition_is_evaluated_when_the_target_is_reached()
    {
        var r = root.Run<ConditionBuild>("UploadDynamic");

        Assert.Equal(["Probe", "UploadDynamic"], r.Ran);
    }

    [Fact]
    public void Static_condition_is_evaluated_before_any_target_runs()
    {
        var r = root.Run<ConditionBuild>("UploadStatic");

        Assert.Equal(["Probe"], r.Ran);
        Assert.Equal(TargetStatus.Skipped, r.Target("UploadStatic").Status);
        Assert.Contains("probed", r.Target("UploadStatic").Reason);
    }

    [Fact]
    public void False_dynamic_condition_skips_with_the_condition_text()
    {
        var r = root.Run<ConditionBuild>("UnlessProbed");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Probe"], r.Ran);
        Assert.Equal(TargetStatus.Skipped, r.Target("UnlessProbed").Status);
        Assert.Contains("!probed", r.Target("UnlessProbed").Reason);
        Assert.Matches(@"(?m)^ ?UnlessProbed\s+Skipped\s+condition false: !probed", r.Output);
    }
}
