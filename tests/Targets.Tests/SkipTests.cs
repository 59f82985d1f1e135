using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class SkipTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Skip_without_names_skips_everything_not_invoked()
    {
        var r = root.Run<ChainBuild>("Test", "--skip");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Test"], r.Ran);
        foreach (var name in new[] { "Restore", "GenerateCode", "Compile" })
        {
            Assert.Equal(TargetStatus.Skipped, r.Target(name).Status);
            Assert.Contains("--skip", r.Target(name).Reason);
        }
    }

    [Fact]
    public void Skip_with_names_skips_only_those()
    {
        var r = root.Run<ChainBuild>("Test", "--skip", "compile", "generate-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Restore", "Test"], r.Ran);
        Assert.Equal(TargetStatus.Skipped, r.Target("Compile").Status);
        Assert.Equal(TargetStatus.Succeeded, r.Target("Restore").Status);
    }

    [Fact]
    public void Skipped_targets_show_in_the_summary()
    {
        var r = root.Run<ChainBuild>("Test", "--skip", "Compile");

        Assert.Matches(@"(?m)^ ?Compile\s+Skipped\s+--skip", r.Output);
    }

    [Fact]
    public void Skip_naming_an_unknown_target_is_an_error_and_nothing_runs()
    {
        var r = root.Run<ChainBuild>("Test", "--skip", "Compil");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("--skip names unknown target 'Compil'", r.Output);
        Assert.Contains("Did you mean 'Compile'?", r.Output);
        Assert.Empty(r.Ran);
    }
}
