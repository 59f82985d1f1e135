using Targets;

/// <summary>The pipeline: one partial class, one file per stage. Logic lives in src/Pipeline; targets only call it.</summary>
sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Test);

    [Parameter("Registry to push to and check, as host:port")] readonly string Registry = "localhost:5000";

    protected override IEnumerable<Stage> PipelineStages =>
    [
        new("set-up", Doctor, Setup),
        new("build", BaseImages, Compile, Publish, Test, BuildDevImage, BuildProdImage, BuildImages, BuildDebugImage, ValidateProduction, TagImages, PushImages),
        new("deliver", DeployStaging, SyncProductionData, HealthCheck, WorkflowTests, PromoteToProduction),
        new("operate", Rollback, Maintenance, Audit, Unlock),
        new("develop", DevStart, DevStop, DevRestart, DevStatus, DevLogs, DevClean),
        new("debug", DebugSnapshot, DebugLocal),
    ];

    Target Noop => _ => _
        .Unlisted()
        .Description("Does nothing; measures the host's own overhead")
        .Executes(() => { });
}
