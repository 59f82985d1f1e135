using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class PlannerTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void DependsOn_chain_runs_dependencies_first()
    {
        var r = root.Run<ChainBuild>("Test");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Restore", "GenerateCode", "Compile", "Test"], r.Ran);
    }

    [Fact]
    public void Shared_dependency_runs_once_before_both_dependents()
    {
        var r = root.Run<ChainBuild>("Publish");

        Assert.Equal(0, r.ExitCode);
        Assert.Single(r.Ran, "Compile");
        Assert.True(r.IndexOf("Compile") < r.IndexOf("Test"));
        Assert.True(r.IndexOf("Compile") < r.IndexOf("Pack"));
        Assert.True(r.IndexOf("Test") < r.IndexOf("Publish"));
        Assert.True(r.IndexOf("Pack") < r.IndexOf("Publish"));
    }

    [Fact]
    public void DependentFor_schedules_the_target_before_the_one_it_is_for()
    {
        var r = root.Run<ChainBuild>("Compile");

        Assert.Contains("GenerateCode", r.Ran);
        Assert.True(r.IndexOf("GenerateCode") < r.IndexOf("Compile"));
        Assert.Contains(r.Target("Compile").Dependencies, d => d.Name == "GenerateCode");
    }

    [Fact]
    public void DependentFor_does_not_schedule_the_target_alone()
    {
        var r = root.Run<ChainBuild>("Restore");

        Assert.Equal(["Restore"], r.Ran);
    }

    [Fact]
    public void Before_orders_when_both_are_scheduled()
    {
        var r = root.Run<OrderingBuild>("First", "Early");

        Assert.Equal(["Early", "First"], r.Ran);
    }

    [Fact]
    public void Before_is_ignored_when_the_other_target_is_not_scheduled()
    {
        Assert.Equal(["First"], root.Run<OrderingBuild>("First").Ran);
    }

    [Fact]
    public void Before_does_not_schedule_the_target_it_runs_before()
    {
        Assert.Equal(["Early"], root.Run<OrderingBuild>("Early").Ran);
    }

    [Fact]
    public void After_orders_when_both_are_scheduled()
    {
        var r = root.Run<OrderingBuild>("Late", "Second");

        Assert.Equal(["Second", "Late"], r.Ran);
    }

    [Fact]
    public void After_is_ignored_when_the_other_target_is_not_scheduled()
    {
        Assert.Equal(["Late"], root.Run<OrderingBuild>("Late").Ran);
    }

    [Fact]
    public void Unrelated_invoked_targets_keep_the_command_line_order()
    {
        Assert.Equal(["Second", "First"], root.Run<OrderingBuild>("Second", "First").Ran);
    }

    [Fact]
    public void Triggers_schedule_the_triggered_target_after_the_trigger()
    {
        var r = root.Run<TriggerBuild>("Deploy");

        Assert.Equal(0, r.ExitCode);
        Assert.True(r.IndexOf("Deploy") < r.IndexOf("Notify"));
    }

    [Fact]
    public void TriggeredBy_schedules_the_target_after_its_trigger()
    {
        var r = root.Run<TriggerBuild>("Deploy");

        Assert.True(r.IndexOf("Deploy") < r.IndexOf("SmokeTest"));
    }

    [Fact]
    public void Triggers_reach_a_fixpoint()
    {
        var r = root.Run<TriggerBuild>("Deploy");

        Assert.Equal(["Archive", "Deploy", "Notify", "SmokeTest"], r.Ran.Order());
        Assert.True(r.IndexOf("Notify") < r.IndexOf("Archive"));
    }

    [Fact]
    public void Triggered_target_runs_after_its_trigger_even_when_named_first()
    {
        var r = root.Run<TriggerBuild>("Notify", "Deploy");

        Assert.True(r.IndexOf("Deploy") < r.IndexOf("Notify"));
    }

    [Theory]
    [InlineData("Deploy")]
    [InlineData("Notify", "Deploy")]
    [InlineData("Audit", "Deploy")]
    public void Triggered_targets_declared_before_their_trigger_run_after_it(params string[] invoked)
    {
        var r = root.Run<TriggerDeclaredFirstBuild>(invoked);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Deploy", r.Ran[0]);
        Assert.Equal(["Audit", "Deploy", "Notify"], r.Ran.Order());
    }

    [Theory]
    [InlineData("Notify", new[] { "Notify", "Archive" })]
    [InlineData("SmokeTest", new[] { "SmokeTest" })]
    [InlineData("Archive", new[] { "Archive" })]
    public void Invoking_a_triggered_target_does_not_schedule_its_trigger(string invoked, string[] expected)
    {
        var r = root.Run<TriggerBuild>(invoked);

        Assert.Equal(expected, r.Ran);
        Assert.DoesNotContain("Deploy", r.Planned);
    }

    [Theory]
    [InlineData("promote-to-production")]
    [InlineData("PROMOTETOPRODUCTION")]
    [InlineData("promote_to_production")]
    [InlineData("promoteToProduction")]
    public void Target_names_match_ignoring_case_and_dashes(string spelling)
    {
        var r = root.Run<ChainBuild>(spelling);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["PromoteToProduction"], r.Ran);
    }

    [Fact]
    public void Target_option_names_targets_too()
    {
        var r = root.Run<ChainBuild>("--target", "restore", "promote-to-production");

        Assert.Equal(["Restore", "PromoteToProduction"], r.Ran);
    }

    [Fact]
    public void Default_target_runs_when_none_is_given()
    {
        var r = root.Run<ChainBuild>([], null, x => x.Compile);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Restore", "GenerateCode", "Compile"], r.Ran);
        Assert.True(r.Target("Compile").IsDefault);
    }

    [Fact]
    public void Default_target_is_not_run_when_another_is_named()
    {
        var r = root.Run<ChainBuild>(["Restore"], null, x => x.Test);

        Assert.Equal(["Restore"], r.Ran);
    }

    [Fact]
    public void Plan_is_exposed_to_the_build_in_execution_order()
    {
        var r = root.Run<ChainBuild>("Test");

        Assert.Equal(r.Ran, r.Planned);
        Assert.Equal(["Test"], r.Build!.InvokedTargets.Select(t => t.Name));
        Assert.All(r.Plan, t => Assert.Equal(TargetStatus.Succeeded, t.Status));
    }
}
