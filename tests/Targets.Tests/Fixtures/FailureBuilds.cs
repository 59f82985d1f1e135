namespace Targets.Tests.Fixtures;

/// <summary>Failures, ProceedAfterFailure and AssuredAfterFailure.</summary>
public sealed class FailureBuild : TestBuild
{
    public Target Setup => _ => _.Executes(() => Mark(nameof(Setup)));

    public Target Broken => _ => _.DependsOn(Setup).Executes(() =>
    {
        Mark(nameof(Broken));
        throw new InvalidOperationException("boom: the compiler crashed");
    });

    public Target AfterBroken => _ => _.DependsOn(Broken).Executes(() => Mark(nameof(AfterBroken)));

    public Target Independent => _ => _.Executes(() => Mark(nameof(Independent)));

    public Target Flaky => _ => _.ProceedAfterFailure().Executes(() =>
    {
        Mark(nameof(Flaky));
        throw new InvalidOperationException("flaky failed");
    });

    public Target AfterFlaky => _ => _.DependsOn(Flaky).Executes(() => Mark(nameof(AfterFlaky)));

    public Target ReleaseLock => _ => _.AssuredAfterFailure().Executes(() => Mark(nameof(ReleaseLock)));

    public Target Fine => _ => _.Executes(() => Mark(nameof(Fine)));
}
