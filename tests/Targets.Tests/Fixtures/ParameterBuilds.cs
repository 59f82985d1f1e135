namespace Targets.Tests.Fixtures;

public enum Flavor
{
    Vanilla,
    Chocolate,
    SaltedCaramel,
}

/// <summary>A string enumeration.</summary>
public sealed class Channel : Enumeration
{
    public static readonly Channel Stable = new() { Value = "stable" };
    public static readonly Channel Beta = new() { Value = "beta" };
}

/// <summary>One parameter of each supported type; the values are read back from the build instance.</summary>
public sealed class ParameterBuild : TestBuild
{
    [Parameter("Registry to push to")]
    internal readonly string Registry = "default-registry";

    [Parameter("Password of the registry"), Secret]
    internal readonly string? RegistryPassword = null;

    [Parameter("Overwrite existing images")]
    internal readonly bool Force = false;

    [Parameter("How often to retry")]
    internal readonly int Retries = 3;

    [Parameter("How long to wait")]
    internal readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Parameter("Which flavor")]
    internal readonly Flavor Flavor = Flavor.Vanilla;

    [Parameter("Release channel")]
    internal readonly Channel Channel = Channel.Stable;

    [Parameter("Hosts to deploy to")]
    internal readonly string[] Hosts = [];

    public Target Show => _ => _.Executes(() => Mark(nameof(Show)));
}
