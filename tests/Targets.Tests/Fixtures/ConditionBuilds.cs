namespace Targets.Tests.Fixtures;

/// <summary>Static and dynamic conditions, and Requires in both forms.</summary>
public sealed class ConditionBuild : TestBuild
{
    [Parameter("Turns on the conditional targets")]
    internal readonly bool Enabled = false;

    [Parameter("Rollback point")]
    internal readonly string? Tag = null;

    [Parameter("List rollback points instead")]
    internal readonly bool List = false;

    bool probed;

    public Target Restore => _ => _.Executes(() => Mark(nameof(Restore)));

    public Target Compile => _ => _
        .DependsOn(Restore)
        .OnlyWhenStatic(() => Enabled)
        .Executes(() => Mark(nameof(Compile)));

    public Target Probe => _ => _.Executes(() =>
    {
        probed = true;
        Mark(nameof(Probe));
    });

    public Target UploadDynamic => _ => _.DependsOn(Probe).OnlyWhenDynamic(() => probed).Executes(() => Mark(nameof(UploadDynamic)));

    public Target UploadStatic => _ => _.DependsOn(Probe).OnlyWhenStatic(() => probed).Executes(() => Mark(nameof(UploadStatic)));

    public Target UnlessProbed => _ => _.DependsOn(Probe).OnlyWhenDynamic(() => !probed).Executes(() => Mark(nameof(UnlessProbed)));

    public Target Prepare => _ => _.Executes(() => Mark(nameof(Prepare)));

    public Target Rollback => _ => _
        .DependsOn(Prepare)
        .Requires(() => Tag)
        .Executes(() => Mark(nameof(Rollback)));

    public Target RestoreBackup => _ => _
        .DependsOn(Prepare)
        .Requires(() => Tag != null || List)
        .Executes(() => Mark(nameof(RestoreBackup)));
}
