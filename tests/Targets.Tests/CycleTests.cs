using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class CycleTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void DependsOn_cycle_fails_naming_the_cycle()
    {
        var r = root.Run<DependsOnCycleBuild>("A");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("A -> B -> A", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Cycle_fails_even_when_the_invoked_target_is_outside_it()
    {
        var r = root.Run<DependsOnCycleBuild>("Free");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("A -> B -> A", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Before_After_cycle_fails_naming_the_cycle()
    {
        var r = root.Run<OrderingCycleBuild>("A", "B");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("A -> B -> A", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Cycle_through_mixed_relations_names_every_target_in_it()
    {
        var r = root.Run<MixedCycleBuild>("A");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("A -> B -> C -> A", r.Output);
        Assert.Empty(r.Ran);
    }
}
