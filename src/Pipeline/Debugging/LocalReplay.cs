using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Data;
using Serilog;

namespace Pipeline.Debugging;

/// <summary>
/// Runs a snapshot locally: the debug image as one container named <c>&lt;prefix&gt;-debug-local</c> on 127.0.0.1 only,
/// its <c>/data</c> volume seeded with the snapshot's sanitized database through the archive endpoint, and production's
/// configuration minus every value that was masked (those are listed, never passed as <c>***</c>).
/// </summary>
public sealed partial class LocalReplay(DockerClient client, ILogger log)
{
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
                Mounts = [new Mount { Type = "volume", Source = VolumeName(prefix), Target = "/data" }],
            },
        }, ct);
        try
        {
            if (snapshot.Database is { } database)
                await SeedAsync(created.ID, database, ct);
            await StartContainerAsync(created.ID, name, port, ct);
            await WaitHealthyAsync(created.ID, timeout, ct);
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
        await new ContainerData(client, log, TimeSpan.FromSeconds(10)).WriteAsync(id, "/data", async tar =>
        {
            await using var content = File.OpenRead(database);
            await tar.WriteEntryAsync(DataTar.OwnedFile("app.db", DataOwner.App, content), ct);
        }, ct);
        log.Information("Seeded /data of {Container} with the snapshot's sanitized database", ContainerData.Short(id));
    }
}

/// <summary>A replay that runs.</summary>
/// <param name="Container">The container name.</param>
/// <param name="Image">The debug image it runs.</param>
/// <param name="Url">Where it answers.</param>
/// <param name="OmittedVariables">Variables not passed because their values were masked in the snapshot.</param>
/// <param name="Seeded">True when it got the snapshot's database.</param>
/// <param name="Source">The snapshot's environment and version, such as <c>production 1.2.3</c>.</param>
public sealed record ReplayResult(string Container, string Image, Uri Url, IReadOnlyList<string> OmittedVariables, bool Seeded, string Source)
{
    /// <summary>One line for the console.</summary>
    public string Describe() =>
        $"{Source} replays at {Url} ({Container}, {Image}{(Seeded ? ", sanitized data" : ", no data in the snapshot")}). Remove it with {Commands.DebugLocal.With(Commands.Flags.Stop)}";
}
