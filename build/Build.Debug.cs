using Pipeline.Data;
using Pipeline.Debugging;
using Pipeline.Environments;
using Pipeline.Images;
using Targets;

partial class Build
{
    [Parameter("DebugLocal: the snapshot to replay, e.g. snapshots/debug_20261123_143000.tar.gz")]
    readonly string? Snapshot;

    [Parameter("DebugLocal: remove the local replay (container and volume) instead of starting one")]
    readonly bool Stop;

    [Parameter("DebugLocal's port on 127.0.0.1")]
    readonly int DebugLocalPort = 8083;

    AbsolutePath SnapshotDirectory => RootDirectory / "snapshots";

    Target DebugSnapshot => _ => _
        .Description("Write snapshots/debug_<time>.tar.gz of --environment: state, config, logs, stats, endpoints, sanitized data; secrets and personal data masked")
        .DependsOn(Setup)
        .Executes(async ct =>
        {
            using var log = AreaLog("debug", "snapshot");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var request = new SnapshotRequest(
                await EnvironmentAsync(Typed(TargetEnvironment), log, ct), SanitizationRules.Load(SanitizeRules), SanitizeSalt ?? MachineSalt.ReadOrCreate(MachineSalt.DefaultPath),
                AuditTrail, LockDirectory, RollbackRepository, SnapshotDirectory, RootDirectory / ".deploy" / "work");
            var result = await new SnapshotTaker(await Run.DockerAsync(ct), http, log, new HostMasker(Redactor)).TakeAsync(request, ct);
            Print(result.Write);
            ReportSummary("", $"{Path.GetRelativePath(RootDirectory, result.Path)}; {result.Redactions.Values.Sum()} value(s) masked");
        });

    Target DebugLocal => _ => _
        .Description("Replay a snapshot locally: the debug image on 127.0.0.1:--debug-local-port with the snapshot's sanitized data; --stop removes it")
        .DependsOn(Setup)
        .Requires(() => Snapshot != null ^ Stop, "exactly one of --snapshot <file> (start a replay) or --stop (remove it)")
        .Executes(async ct =>
        {
            using var log = AreaLog("debug", "local");
            var prefix = EnvironmentPrefix ?? ImageName.Split('/')[^1];
            var replay = new LocalReplay(await Run.DockerAsync(ct), log);
            if (Stop)
            {
                var removed = await replay.StopAsync(prefix, ct);
                ReportSummary("", removed.Count == 0 ? $"nothing to stop ({LocalReplay.ContainerName(prefix)} does not exist)" : string.Join(", ", removed));
                return;
            }
            var release = File.Exists(ReleaseFile) ? ReleaseManifest.Read(ReleaseFile) : null;
            var request = new ReplayRequest(Path.GetFullPath(Snapshot!, RootDirectory), RootDirectory / ".deploy" / "work", prefix, DebugLocalPort, DeployTimeout, release, Registry, ImageName);
            var result = await replay.ReplayAsync(request, ct);
            Print(result.Describe());
            ReportSummary("", result.Url.ToString());
        });
}
