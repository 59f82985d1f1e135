namespace Targets.Tests.Fixtures;

/// <summary>Conditions that throw (a bug in a build script), with a secret in the exception message.</summary>
public sealed class ThrowingConditionBuild : TestBuild
{
    [Parameter("API token"), Secret]
    internal readonly string ApiToken = SecretBuild.Value;

    public Target Setup => _ => _.Executes(() => Mark(nameof(Setup)));

    public Target StaticThrows => _ => _
        .DependsOn(Setup)
        .OnlyWhenStatic(() => throw new InvalidOperationException($"static condition broke with {ApiToken}"))
        .Executes(() => Mark(nameof(StaticThrows)));

    public Target DynamicThrows => _ => _
        .DependsOn(Setup)
        .OnlyWhenDynamic(() => throw new InvalidOperationException($"dynamic condition broke with {ApiToken}"))
        .Executes(() => Mark(nameof(DynamicThrows)));

    public Target Unlock => _ => _.AssuredAfterFailure().Executes(() => Mark(nameof(Unlock)));
}
