namespace Targets.Tests.Fixtures;

/// <summary>A build to document: descriptions, a default, an unlisted target, parameters of several types and a secret with a default value.</summary>
public sealed class HelpBuild : TestBuild
{
    public const string SecretDefault = "do-not-print-me-42";

    [Parameter("Registry to push to, as host:port")]
    internal readonly string Registry = "localhost:5000";

    [Parameter("Password of the registry"), Secret]
    internal readonly string RegistryPassword = SecretDefault;

    [Parameter("Push even when the image exists")]
    internal readonly bool Force = false;

    [Parameter("Retries on failure")]
    internal readonly int MaxRetries = 3;

    [Parameter("Hosts to deploy to")]
    internal readonly string[] Hosts = ["web1"];

    [Parameter("Image flavor")]
    internal readonly Flavor Flavor = Flavor.Vanilla;

    [Parameter("Wait this long for health checks")]
    internal readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);

    public Target Restore => _ => _.Description("Restore packages").Executes(() => Mark(nameof(Restore)));

    public Target Compile => _ => _.Description("Compile the solution").DependsOn(Restore).Executes(() => Mark(nameof(Compile)));

    public Target Test => _ => _.Description("Run the unit tests").DependsOn(Compile).Produces("artifacts/test-results", "artifacts/*.trx").Executes(() => Mark(nameof(Test)));

    public Target SecretSauce => _ => _.Unlisted().Description("Internal helper").Executes(() => Mark(nameof(SecretSauce)));

    [Parameter("A parameter with a description long enough to need wrapping in any terminal of eighty columns, so that help has to wrap it onto lines of its own")]
    internal readonly string? Notes;

    public Target Deploy => _ => _.Description("Deploy to the hosts").DependsOn(Test, Compile).Requires(() => Registry).Executes(() => Deploying());

    protected override IEnumerable<Stage> PipelineStages => [new("build", Restore, Compile, Test), new("deliver", Deploy)];

    void Deploying()
    {
        if (Force || Hosts.Length > 0)
            Mark(nameof(Deploy));
    }

    public Target Unlock => _ => _.AssuredAfterFailure().TriggeredBy(Deploy).Executes(() => Mark(nameof(Unlock)));

    public Target Smoke => _ => _.OnlyWhenDynamic(() => Force).After(Deploy).Executes(() => Mark(nameof(Smoke)));
}
