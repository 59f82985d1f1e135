using Pipeline.Operations;
using Targets;

partial class Build
{
    [Parameter("DebugLocal: the snapshot to replay, e.g. snapshots/debug_20261123_143000.tar.gz")] readonly string? Snapshot;

    [Parameter("DebugLocal: remove the local replay (container and volume) instead of starting one")] readonly bool Stop;

    [Parameter("DebugLocal's port on 127.0.0.1")] readonly int DebugLocalPort = 8083;

    Target DebugSnapshot => _ => _
        .Description("Write snapshots/debug_<time>.tar.gz of --environment: state, config, logs, stats, endpoints, sanitized data; secrets and personal data masked")
        .DependsOn(Setup)
        .Executes(ct => new DebugOperations(Run, Delivery).SnapshotAsync(Typed(TargetEnvironment), SanitizeSalt, RollbackRepository, ct));

    Target DebugLocal => _ => _
        .Description("Replay a snapshot locally: the debug image on 127.0.0.1:--debug-local-port with the snapshot's sanitized data; --stop removes it")
        .DependsOn(Setup)
        .Requires(() => Snapshot != null ^ Stop, "exactly one of --snapshot <file> (start a replay) or --stop (remove it)")
        .Executes(ct => new DebugOperations(Run, Delivery).LocalAsync(Stop ? null : Snapshot, AppImage, ReleaseFile, DebugLocalPort, ct));
}
