using Pipeline.Data;
using Pipeline.Debugging;
using Pipeline.Images;
using Pipeline.Model;

namespace Pipeline.Operations;

/// <summary>The debug targets on the environments of <paramref name="delivery"/>: take a masked snapshot of one, replay one locally.</summary>
public sealed class DebugOperations(PipelineContext run, DeliveryOptions delivery)
{
    private PipelineSettings Settings => run.Settings;

    /// <summary>Writes <c>snapshots/debug_&lt;time&gt;.tar.gz</c> of <paramref name="environment"/>, secrets and personal data masked (fakes salted by <paramref name="salt"/>, null: the machine's; rollback tags from <paramref name="rollbackRepository"/>).</summary>
    public async Task SnapshotAsync(DeployEnvironment environment, string? salt, string rollbackRepository, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("debug", "snapshot");
        var hosts = new EnvironmentHosts(run, delivery, log);
        var settings = delivery.Environment(environment, Settings.DeployDirectory);
        var primary = await hosts.PrimaryAsync(settings, cancellationToken);
        var connection = primary.Connection;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Host = settings.Environment.HostName;
        var request = new SnapshotRequest(
            primary.Environment, SanitizationRules.Load(Settings.SanitizeRules),
            salt ?? MachineSalt.ReadOrCreate(MachineSalt.DefaultPath), Settings.AuditTrail, await LockOperations.TargetAsync(run, delivery, environment, cancellationToken),
            rollbackRepository, Path.Combine(Settings.RootDirectory, "snapshots"), Settings.WorkDirectory)
        {
            ServiceAddress = hosts.ProxyAddress(settings),
            DockerHost = connection.Host.IsRemote ? connection.DockerHost : null,
        };
        log.Information("Snapshot of {Environment} taken from host {Host} ({Transport})", environment.Name, connection.Host.Name, connection.Transport);
        var result = await new SnapshotTaker(connection.Client, http, log, run.Masker) { Reach = (address, token) => hosts.ReachAsync(connection, address, token) }
            .TakeAsync(request, cancellationToken);
        run.Output.Print(result.Write);
        run.Output.Report("", $"{Path.GetRelativePath(Settings.RootDirectory, result.Path)}; {result.Redactions.Values.Sum()} value(s) masked");
    }

    /// <summary>
    /// Replays <paramref name="snapshot"/> of <paramref name="image"/> (the versions of <paramref name="releaseFile"/> when it exists) on
    /// 127.0.0.1:<paramref name="port"/>, or removes the replay when <paramref name="snapshot"/> is null.
    /// </summary>
    public async Task LocalAsync(string? snapshot, ImageRepository image, string releaseFile, int port, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("debug", "local");
        var prefix = delivery.Prefix.Split('/')[^1];
        var replay = new LocalReplay(await run.DockerAsync(cancellationToken), log);
        if (snapshot is null)
        {
            var removed = await replay.StopAsync(prefix, cancellationToken);
            run.Output.Report("", removed.Count == 0 ? $"nothing to stop ({LocalReplay.ContainerName(prefix)} does not exist)" : string.Join(", ", removed));
            return;
        }
        var release = File.Exists(releaseFile) ? ReleaseManifest.Read(releaseFile) : null;
        var request = new ReplayRequest(Path.GetFullPath(snapshot, Settings.RootDirectory), Settings.WorkDirectory, prefix, port,
            delivery.DeployTimeout, release, image.Registry.Value, image.Name);
        var result = await replay.ReplayAsync(request, cancellationToken);
        run.Output.Print(result.Describe());
        run.Output.Report("", result.Url.ToString());
    }
}
