using Targets;

/// <summary>The pipeline: one partial class, one file per stage. Logic lives in src/Pipeline; targets only call it.</summary>
sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Test);

    [Parameter("Registry to push to and check, as host:port")]
    readonly string Registry = "localhost:5000";

    Target Noop => _ => _
        .Unlisted()
        .Description("Does nothing; measures the host's own overhead")
        .Executes(() => { });
}
