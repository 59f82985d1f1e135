using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class RequiresTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Member_form_fails_before_any_target_runs()
    {
        var r = root.Run<ConditionBuild>("Rollback");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Contains("--tag", r.Output);
        Assert.Contains("Rollback", r.Output);
        Assert.All(r.Plan, t => Assert.Equal(TargetStatus.None, t.Status));
    }

    [Fact]
    public void Boolean_form_fails_before_any_target_runs_and_names_the_parameters()
    {
        var r = root.Run<ConditionBuild>("RestoreBackup");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Contains("Tag != null || List", r.Output);
        Assert.Contains("--tag", r.Output);
        Assert.Contains("--list", r.Output);
    }

    [Fact]
    public void Member_form_is_met_by_an_argument()
    {
        var r = root.Run<ConditionBuild>("Rollback", "--tag", "rollback-1");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Prepare", "Rollback"], r.Ran);
    }

    [Fact]
    public void Member_form_is_met_by_the_environment()
    {
        var r = root.Run<ConditionBuild>(["Rollback"], new Dictionary<string, string> { ["TAG"] = "rollback-1" });

        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Member_form_treats_an_empty_value_as_missing()
    {
        var r = root.Run<ConditionBuild>("Rollback", "--tag", " ");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Boolean_form_is_met_by_either_parameter()
    {
        Assert.Equal(0, root.Run<ConditionBuild>("RestoreBackup", "--list").ExitCode);
        Assert.Equal(0, root.Run<ConditionBuild>("RestoreBackup", "--tag", "t1").ExitCode);
    }

    [Fact]
    public void Requirements_of_skipped_targets_are_not_checked()
    {
        var r = root.Run<ConditionBuild>("Rollback", "--skip", "Rollback");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Prepare"], r.Ran);
    }
}
