using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Data;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Debugging;

/// <summary>
/// Runs a snapshot locally: the debug image as one container named <c>&lt;prefix&gt;-debug-local</c> on 127.0.0.1 only,
/// its <c>/data</c> volume seeded with the snapshot's sanitized database through the archive endpoint, and production's
/// configuration minus every value that was masked (those are listed, never passed as <c>***</c>).
/// </summary>
public sealed class LocalReplay(DockerClient client, ILogger log)
{
    /// <summary>Opens the snapshot, finds the debug image of its version, starts the replay; warns about the variables it left out.</summary>
    public async Task<ReplayResult> ReplayAsync(ReplayRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await SnapshotReader.OpenAsync(request.SnapshotPath, request.WorkDirectory, ct);
        try
        {
            var version = snapshot.Manifest.Version
                ?? throw new DebugException($"{snapshot.Path} does not say which version ran: take a new snapshot with {Commands.DebugSnapshot}.");
            var image = await DebugImage.ResolveAsync(client, DebugImage.Candidates(version, request.Release, request.Registry, request.ImageName), version, log, ct);
            var result = await StartAsync(snapshot, image, request.Prefix, request.Port, request.Timeout, ct);
            if (result.OmittedVariables.Count > 0)
                log.Warning("Not passed, because the snapshot masks their values: {Variables}. Set them yourself if the problem needs them.", string.Join(", ", result.OmittedVariables));
            return result;
        }
        finally
        {
            snapshot.DeleteDatabase();
        }
    }

    /// <summary>The label on everything a replay creates; its value is the prefix.</summary>
    public const string Label = "org.app-pipeline.debug-local";

    /// <summary>The container's name for <paramref name="prefix"/>.</summary>
    public static string ContainerName(string prefix) => $"{prefix}-debug-local".ToLowerInvariant();

    /// <summary>The data volume's name for <paramref name="prefix"/>.</summary>
    public static string VolumeName(string prefix) => $"{ContainerName(prefix)}_data";

    /// <summary>Starts the replay (replacing an earlier one of the same prefix) and waits until it is healthy.</summary>
    public async Task<ReplayResult> StartAsync(SnapshotReader snapshot, string image, string prefix, int port, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var service = snapshot.Manifest.MainService!;
        var imageEnv = (await client.Images.InspectImageAsync(image, ct)).Config?.Env ?? [];
        var (env, omitted) = ReplayEnvironment.From(snapshot.Environment, imageEnv);
        await StopAsync(prefix, ct);
        var name = ContainerName(prefix);
        var labels = new Dictionary<string, string>
        {
            [Label] = prefix,
            ["org.app-pipeline.environment"] = "debug-local",
            ["org.app-pipeline.version"] = snapshot.Manifest.Version ?? "",
            ["org.app-pipeline.snapshot"] = Path.GetFileName(snapshot.Path),
        };
        await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = VolumeName(prefix), Labels = labels }, ct);
        var containerPort = $"{service.ContainerPort ?? 8080}/tcp";
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name, Image = image, Env = [.. env], Labels = labels,
            ExposedPorts = new Dictionary<string, EmptyStruct> { [containerPort] = default },
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>> { [containerPort] = [new PortBinding { HostIP = "127.0.0.1", HostPort = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }] },
                Mounts = [new Mount { Type = "volume", Source = VolumeName(prefix), Target = ServiceDatabase.App.Folder }],
            },
        }, ct);
        try
        {
            if (snapshot.Database is { } database)
                await SeedAsync(created.ID, database, ct);
            await StartContainerAsync(created.ID, name, port, ct);
            await ReplayHealth.WaitAsync(client, created.ID, timeout, ct);
        }
        catch
        {
            await StopAsync(prefix, CancellationToken.None);
            throw;
        }
        log.Information("Replaying {Snapshot} ({Environment} {Version}) with {Image} as {Container} on http://127.0.0.1:{Port}",
            Path.GetFileName(snapshot.Path), snapshot.Manifest.Environment, snapshot.Manifest.Version, image, name, port);
        return new(name, image, new Uri($"http://127.0.0.1:{port}"), omitted, snapshot.Database is not null, $"{snapshot.Manifest.Environment} {snapshot.Manifest.Version}");
    }

    /// <summary>Removes the replay's container and volume; returns what it removed (empty when nothing ran).</summary>
    public async Task<IReadOnlyList<string>> StopAsync(string prefix, CancellationToken ct)
    {
        var removed = new List<string>();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Label}={prefix}"] = true } };
        foreach (var container in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct))
        {
            await Remover.ContainerAsync(client, container.ID, removeVolumes: true, ct);
            removed.Add("container " + container.Names.FirstOrDefault()?.TrimStart('/'));
        }
        foreach (var volume in (await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, ct)).Volumes ?? [])
        {
            await Remover.VolumeAsync(client, volume.Name, ct);
            removed.Add("volume " + volume.Name);
        }
        foreach (var item in removed)
            log.Information("Removed {Item}", item);
        return removed;
    }

    async Task StartContainerAsync(string id, string name, int port, CancellationToken ct)
    {
        try
        {
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
        }
        catch (DockerApiException e)
        {
            throw new DebugException(
                $"Starting {name} on 127.0.0.1:{port} failed ({e.ResponseBody?.Trim() ?? e.Message}); nothing was left running. " +
                "If the port is in use, pick another with --debug-local-port; then run DebugLocal again.", e);
        }
    }

    async Task SeedAsync(string id, string database, CancellationToken ct)
    {
        await new ContainerData(client, log, TimeSpan.FromSeconds(10)).WriteAsync(id, ServiceDatabase.App.Folder, async tar =>
        {
            await using var content = File.OpenRead(database);
            await tar.WriteEntryAsync(DataTar.OwnedFile(ServiceDatabase.App.File, DataOwner.App, content), ct);
        }, ct);
        log.Information("Seeded {Folder} of {Container} with the snapshot's sanitized database", ServiceDatabase.App.Folder, ContainerData.Short(id));
    }
}
