using System.Text.Json.Nodes;
using Docker.DotNet;
using Pipeline.Data;
using Pipeline.Delivery;
using Pipeline.Environments;
using Pipeline.Output;
using Serilog;

namespace Pipeline.Debugging;

/// <summary>
/// Takes a debug snapshot of one environment (layout in the README's production-debugging guide). Every text that goes
/// in is redacted by one <see cref="ValueRedactor"/> over the host's <see cref="ISecretMasker"/>, after all containers' environments were read, so a secret learned
/// there is masked in logs too; the database is sanitized. A failure leaves no file behind.
/// </summary>
/// <param name="client">The engine the environment runs on (a server's, over SSH).</param>
/// <param name="http">The client the endpoints are asked with.</param>
/// <param name="log">Where to log.</param>
/// <param name="masker">The host's secret masker.</param>
public sealed class SnapshotTaker(DockerClient client, HttpClient http, ILogger log, ISecretMasker masker)
{
    /// <summary>How this machine reaches an address on the environment's host (its proxy's port): the address itself unless set (an SSH forward to a server).</summary>
    public Func<Uri, CancellationToken, Task<Uri>> Reach { get; init; } = (address, _) => Task.FromResult(address);

    /// <summary>Takes the snapshot; throws <see cref="DebugException"/> when nothing is deployed in the environment.</summary>
    public async Task<SnapshotResult> TakeAsync(SnapshotRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Environment.Settings;
        var status = await request.Environment.StatusAsync(ct);
        if (status.IsEmpty)
            throw new DebugException($"No snapshot taken: {settings.NothingDeployedMessage} (Compose project {settings.ProjectName}), or pick another with --environment / --environment-prefix.");
        var redactor = new ValueRedactor(masker);
        var inspected = new List<(ContainerStatus Status, ContainerInspectRedaction Inspect)>();
        foreach (var container in status.Containers)
            inspected.Add((container, ContainerInspectRedaction.From(await client.Containers.InspectContainerAsync(container.Id, ct), redactor)));
        await using var writer = new SnapshotWriter(request.ArchivePath());
        log.Information("Taking a debug snapshot of {Environment} ({Project}) into {Path}", settings.Name, settings.ProjectName, writer.Path);
        await writer.AddTextAsync("compose/ps.txt", redactor.Text(Table(status)), ct);
        await ComposeConfigCapture.AddAsync(writer, request.Environment, redactor, log, ct);
        foreach (var (container, inspect) in inspected)
            await AddContainerAsync(writer, container, inspect, status, request.LogLines, redactor, ct);
        await AddEndpointsAsync(writer, request.ServiceAddress, redactor, ct);
        var running = status.Containers.FirstOrDefault(c => c.IsRunning) ?? status.Containers[0];
        var database = await AddDatabaseAsync(writer, running.Id, request, redactor, ct);
        await SiteCapture.AddAsync(writer, request, redactor, ct);
        var tags = await RollbackTagsAsync(request.RepositoryDirectory, ct);
        var counts = redactor.Counts;
        await writer.AddTextAsync("redaction-report.json", Report(counts, inspected.ToDictionary(i => i.Status.Name, i => i.Inspect.RedactedVariables)), ct);
        var manifest = new SnapshotManifest(
            SnapshotManifest.CurrentFormat, SnapshotManifest.CurrentToolVersion, await GitShaAsync(request.RepositoryDirectory, ct), request.Now, settings.Name, settings.ProjectName,
            running.Version, running.Revision,
            [.. inspected.Select(i => new SnapshotService(i.Status.Service, i.Status.Name, i.Status.Image, i.Status.Digest, i.Status.State, i.Status.Health, ContainerPort(i.Status, settings), i.Inspect.RedactedVariables))],
            tags, database, [.. writer.Entries]);
        await writer.AddTextAsync(SnapshotManifest.EntryName, JsonRedaction.Serialize(manifest, new ValueRedactor(masker)), ct);
        await writer.CompleteAsync();
        log.Information("Snapshot written: {Path} ({Entries} entries); redacted {Counts}", writer.Path, writer.Entries.Count, string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        return new(writer.Path, manifest, counts);
    }

    static string Table(EnvironmentStatus status)
    {
        using var text = new StringWriter();
        status.Write(text, TableLayout.Plain());
        return text.ToString();
    }

    static int? ContainerPort(ContainerStatus container, EnvironmentSettings settings) =>
        container.Ports.Count > 0 && container.Ports[0] is var port && int.TryParse(port.ContainerPort.Split('/')[0], out var number) ? number : settings.ContainerPort;

    async Task AddContainerAsync(SnapshotWriter writer, ContainerStatus container, ContainerInspectRedaction inspect, EnvironmentStatus status, int lines, ValueRedactor redactor, CancellationToken ct)
    {
        await writer.AddTextAsync($"containers/{container.Name}.inspect.json", inspect.Json, ct);
        await writer.AddTextAsync($"containers/{container.Name}.health.json", inspect.Health, ct);
        var logName = status.Containers.Count(c => c.Service == container.Service) == 1 && container.Service.Length > 0 ? container.Service : container.Name;
        var logLines = await ContainerLogs.TailAsync(client, container.Id, lines, ct);
        await writer.AddTextAsync($"logs/{logName}.log", string.Concat(logLines.Select(l => redactor.Text(l) + "\n")), ct);
        await writer.AddTextAsync($"stats/{container.Name}.json", container.IsRunning
            ? await StatsCapture.CaptureAsync(client, container.Id, redactor, ct)
            : new JsonObject { ["error"] = $"not running ({container.State})" }.ToJsonString(JsonRedaction.Options), ct);
    }

    async Task AddEndpointsAsync(SnapshotWriter writer, Uri address, ValueRedactor redactor, CancellationToken ct)
    {
        var reached = await Reach(address, ct);
        foreach (var (path, file) in EndpointCapture.Endpoints)
            await writer.AddTextAsync($"endpoints/{file}", await EndpointCapture.CaptureAsync(http, reached, path, redactor, ct, shownAs: address), ct);
    }

    async Task<string> AddDatabaseAsync(SnapshotWriter writer, string containerId, SnapshotRequest request, ValueRedactor redactor, CancellationToken ct)
    {
        try
        {
            return await new DatabaseSample(client, log).AddAsync(writer, containerId, request.Rules, request.Salt, redactor, request.WorkDirectory, ct);
        }
        catch (DataException e)
        {
            log.Warning("The snapshot holds no database: {Message}", e.Message);
            await writer.AddTextAsync("database/skipped.txt", redactor.Text(e.Message) + "\n", ct);
            return "skipped: " + redactor.Text(e.Message);
        }
    }

    static string Report(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, IReadOnlyList<string>> variables) =>
        new JsonObject
        {
            ["total"] = counts.Values.Sum(),
            ["byRule"] = new JsonObject([.. counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
            ["maskedVariables"] = new JsonObject([.. variables.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)new JsonArray([.. v.Value.Select(n => (JsonNode?)n)])))]),
            ["mask"] = ValueRedactor.Mask,
            ["database"] = "sanitized by deploy/sanitize.json (deterministic fakes), then every text value scrubbed by the rules above",
        }.ToJsonString(JsonRedaction.Options);

    async Task<IReadOnlyList<string>> RollbackTagsAsync(string repository, CancellationToken ct)
    {
        try
        {
            return [.. (await new RollbackPoints(repository, log).ListAsync(ct)).Take(10).Select(p => p.Manifest is { } m ? $"{p.Tag} ({m.Environment} {m.Version})" : p.Tag)];
        }
        catch (RollbackPointException e)
        {
            log.Warning("No rollback tags in the snapshot: {Message}", e.Message);
            return [];
        }
    }

    static Task<string?> GitShaAsync(string repository, CancellationToken ct) => new Git.GitRepository(repository).CommitAsync("HEAD", ct);
}
