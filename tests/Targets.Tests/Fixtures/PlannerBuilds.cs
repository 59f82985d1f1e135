namespace Targets.Tests.Fixtures;

/// <summary>DependsOn chains, a diamond, DependentFor and a multi-word name.</summary>
public sealed class ChainBuild : TestBuild
{
    public Target Restore => _ => _.Executes(() => Mark(nameof(Restore)));
    public Target Compile => _ => _.DependsOn(Restore).Executes(() => Mark(nameof(Compile)));
    public Target Test => _ => _.DependsOn(Compile).Executes(() => Mark(nameof(Test)));
    public Target Pack => _ => _.DependsOn(Compile).Executes(() => Mark(nameof(Pack)));
    public Target Publish => _ => _.DependsOn(Test, Pack).Executes(() => Mark(nameof(Publish)));
    public Target GenerateCode => _ => _.DependentFor(Compile).Executes(() => Mark(nameof(GenerateCode)));
    public Target PromoteToProduction => _ => _.Executes(() => Mark(nameof(PromoteToProduction)));
}

/// <summary>Before/After: ordering only when both are scheduled.</summary>
public sealed class OrderingBuild : TestBuild
{
    public Target First => _ => _.Executes(() => Mark(nameof(First)));
    public Target Second => _ => _.Executes(() => Mark(nameof(Second)));
    public Target Early => _ => _.Before(First).Executes(() => Mark(nameof(Early)));
    public Target Late => _ => _.After(Second).Executes(() => Mark(nameof(Late)));
}

/// <summary>Triggers, TriggeredBy and a trigger chain (Deploy triggers Notify triggers Archive).</summary>
public sealed class TriggerBuild : TestBuild
{
    public Target Deploy => _ => _.Triggers(Notify).Executes(() => Mark(nameof(Deploy)));
    public Target Notify => _ => _.Triggers(Archive).Executes(() => Mark(nameof(Notify)));
    public Target Archive => _ => _.Executes(() => Mark(nameof(Archive)));
    public Target SmokeTest => _ => _.TriggeredBy(Deploy).Executes(() => Mark(nameof(SmokeTest)));
}

/// <summary>A DependsOn cycle.</summary>
public sealed class DependsOnCycleBuild : TestBuild
{
    public Target A => _ => _.DependsOn(B).Executes(() => Mark(nameof(A)));
    public Target B => _ => _.DependsOn(A).Executes(() => Mark(nameof(B)));
    public Target Free => _ => _.Executes(() => Mark(nameof(Free)));
}

/// <summary>A Before/After cycle: A runs after B, and A runs before B.</summary>
public sealed class OrderingCycleBuild : TestBuild
{
    public Target A => _ => _.After(B).Executes(() => Mark(nameof(A)));
    public Target B => _ => _.After(A).Executes(() => Mark(nameof(B)));
    public Target Free => _ => _.Executes(() => Mark(nameof(Free)));
}

/// <summary>A cycle through Before on one side and DependsOn on the other.</summary>
public sealed class MixedCycleBuild : TestBuild
{
    public Target A => _ => _.DependsOn(B).Executes(() => Mark(nameof(A)));
    public Target B => _ => _.Executes(() => Mark(nameof(B)));
    public Target C => _ => _.Before(B).After(A).Executes(() => Mark(nameof(C)));
}

/// <summary>Triggered targets declared before their triggers.</summary>
public sealed class TriggerDeclaredFirstBuild : TestBuild
{
    public Target Notify => _ => _.Executes(() => Mark(nameof(Notify)));
    public Target Audit => _ => _.TriggeredBy(Deploy).Executes(() => Mark(nameof(Audit)));
    public Target Deploy => _ => _.Triggers(Notify).Executes(() => Mark(nameof(Deploy)));
}
