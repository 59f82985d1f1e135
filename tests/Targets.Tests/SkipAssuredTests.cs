using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class LockBuild : TestBuild
{
    Target Build => _ => _.Executes(() => Mark(nameof(Build)));
    Target Promote => _ => _.DependsOn(Build).Triggers(ReleaseLock).Executes(() => Mark(nameof(Promote)));
    Target ReleaseLock => _ => _.AssuredAfterFailure().Executes(() => Mark(nameof(ReleaseLock)));
}

public sealed class SkipAssuredTests
{
    [Fact]
    public void A_bare_skip_keeps_assured_targets_and_naming_one_skips_it()
    {
        using var root = new TempRoot();
        var bare = root.Run<LockBuild>("Promote", "--skip");
        Assert.Equal(["Promote", "ReleaseLock"], bare.Ran);

        using var other = new TempRoot();
        var named = other.Run<LockBuild>("Promote", "--skip", "release-lock");
        Assert.Equal(["Build", "Promote"], named.Ran);
    }
}
