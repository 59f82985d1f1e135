using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class ExitCodeTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Unknown_target_exits_2_with_a_hint_and_runs_nothing()
    {
        var r = root.Run<ChainBuild>("Restore", "Compil");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Unknown target 'Compil'", r.Output);
        Assert.Contains("Did you mean 'Compile'?", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Unknown_target_far_from_any_name_has_no_hint()
    {
        var r = root.Run<ChainBuild>("Xyzzy");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Unknown target 'Xyzzy'", r.Output);
        Assert.DoesNotContain("Did you mean", r.Output);
    }

    [Fact]
    public void Unknown_parameter_exits_2_with_a_hint_and_runs_nothing()
    {
        var r = root.Run<ParameterBuild>("Show", "--registy", "x");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Unknown parameter '--registy'", r.Output);
        Assert.Contains("Did you mean '--registry'?", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Unknown_parameter_hint_suggests_built_in_options()
    {
        var r = root.Run<ParameterBuild>("Show", "--verbosty", "quiet");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("Did you mean '--verbosity'?", r.Output);
    }

    [Fact]
    public void Bad_verbosity_exits_2()
    {
        var r = root.Run<ChainBuild>("Restore", "--verbosity", "loud");

        Assert.Equal(BuildHost.BadInput, r.ExitCode);
        Assert.Contains("loud", r.Output);
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Root_option_points_at_another_folder()
    {
        using var other = new TempRoot();
        var r = root.Run<ChainBuild>("Restore", "--root", other.Path);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(other.Path, r.Build!.RootDirectory.Value);
        Assert.True(File.Exists(TestBuild.Journal(other.Path)));
        Assert.Empty(r.Ran);
    }

    [Fact]
    public void Success_exits_0()
    {
        Assert.Equal(0, root.Run<ChainBuild>("Restore").ExitCode);
    }
}
