using Targets.Tests.Fixtures;

namespace Targets.Tests;

/// <summary>A bug in a build script must not crash the host: exit code 1, the error shown (redacted), assured targets run.</summary>
public sealed class ThrowingConditionTests : IDisposable
{
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Throwing_static_condition_exits_1_with_a_redacted_message()
    {
        var r = root.Run<ThrowingConditionBuild>("StaticThrows");

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Empty(r.Ran);
        Assert.Contains("static condition broke with ***", r.Output);
        Assert.DoesNotContain(SecretBuild.Value, r.Output);
        Assert.DoesNotContain(SecretBuild.Value, root.LogFiles());
    }

    [Fact]
    public void Throwing_dynamic_condition_fails_the_target_and_assured_targets_still_run()
    {
        var r = root.Run<ThrowingConditionBuild>("DynamicThrows", "Unlock");

        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Equal(["Setup", "Unlock"], r.Ran);
        Assert.Equal(TargetStatus.Failed, r.Target("DynamicThrows").Status);
        Assert.Contains("dynamic condition broke with ***", r.Output);
        Assert.DoesNotContain(SecretBuild.Value, r.Output);
    }
}
