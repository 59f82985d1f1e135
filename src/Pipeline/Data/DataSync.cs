using Docker.DotNet;
using Serilog;

namespace Pipeline.Data;

/// <summary>
/// Copies production's SQLite database to staging, sanitized on the way: read from <paramref name="production"/>'s engine (the container paused),
/// sanitized in a private temporary folder under the work directory on this machine, written into stopped staging on <paramref name="staging"/>'s
/// engine (another server, or the same engine), owned by <see cref="Owner"/>. The temporary folder holds raw personal data, so it is deleted at the
/// end, whatever happens.
/// </summary>
/// <param name="production">The engine production's container runs on.</param>
/// <param name="staging">The engine staging's container runs on.</param>
/// <param name="log">Where to log.</param>
public sealed class DataSync(DockerClient production, DockerClient staging, ILogger log)
{
    /// <summary>A copy between two containers of one engine.</summary>
    public DataSync(DockerClient client, ILogger log) : this(client, client, log)
    {
    }

    /// <summary>Where the service keeps its database in both containers; the sample service's by default.</summary>
    public ServiceDatabase Database { get; init; } = ServiceDatabase.App;

    /// <summary>Who owns the database written into staging; the sample service's user by default.</summary>
    public DataOwner Owner { get; init; } = DataOwner.App;

    /// <summary>How long stopping staging waits for the service to exit before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Copies and sanitizes; <see cref="SyncReport.NothingToCopy"/> when production has no database yet.</summary>
    public async Task<SyncReport> CopyAsync(
        string productionContainerId, string stagingContainerId, SanitizationRules rules, string salt, string workDirectory, CancellationToken ct)
    {
        var (from, to) = (new ContainerData(production, log, StopTimeout), new ContainerData(staging, log, StopTimeout));
        var (source, target) = ((await from.InspectAsync(productionContainerId, ct)).ID, (await to.InspectAsync(stagingContainerId, ct)).ID);
        if (source == target)
            throw new DataException($"Production and staging are the same container ({ContainerData.Short(source)}): pass the staging container as the target.");
        var temp = PrivateFolder(Path.Combine(Directory.CreateDirectory(workDirectory).FullName, $"data-sync-{Guid.NewGuid():N}"));
        try
        {
            var database = Path.Combine(temp, Database.File);
            if (!await from.CopyDatabaseOutAsync(source, Database.Folder, Database.File, temp, ct))
            {
                log.Information("Production has no {Database} in {Path} yet; staging was not touched", Database.File, Database.Folder);
                return SyncReport.NothingToCopy;
            }
            var report = await new Sanitizer(rules, salt).SanitizeAsync(database, ct);
            log.Information("Sanitized the copy of production's {Database}: {Report}", Database.File, report.Describe());
            var size = new FileInfo(database).Length;
            await WriteStagingAsync(to, target, database, ct);
            return new(SyncOutcome.Copied, $"copied {Database.File} ({size:N0} bytes, sanitized) from production to staging", report);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
            log.Debug("Deleted the temporary copy {Folder}", temp);
        }
    }

    /// <summary>A folder only the current user can read (the copy in it holds raw personal data).</summary>
    static string PrivateFolder(string path) => OperatingSystem.IsWindows()
        ? Directory.CreateDirectory(path).FullName
        : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

    /// <summary>Stops staging, writes the database and empties its stale journal, WAL and shared-memory files, starts staging again if it was running.</summary>
    async Task WriteStagingAsync(ContainerData data, string container, string database, CancellationToken ct)
    {
        if (!await data.ExistsAsync(container, Database.Folder, ct))
            throw new DataException($"Staging container {ContainerData.Short(container)} has no {Database.Folder}: check the service's volume mount; staging was not changed.");
        await data.WhileStoppedAsync(container, async () =>
        {
            string[] companions = [$"{Database.File}-journal", $"{Database.File}-wal", $"{Database.File}-shm"];
            var stale = (await data.ListAsync(container, Database.Folder, ct)).Where(companions.Contains).ToList();
            await data.WriteAsync(container, Database.Folder, async tar =>
            {
                await using var content = File.OpenRead(database);
                await tar.WriteEntryAsync(DataTar.OwnedFile(Database.File, Owner, content), ct);
                foreach (var name in stale)
                    await tar.WriteEntryAsync(DataTar.OwnedFile(name, Owner, null), ct);
            }, ct);
            log.Information("Wrote the sanitized {Database} into {Path} of staging container {Container}, owned by {Owner}", Database.File, Database.Folder, ContainerData.Short(container), Owner);
        }, e => $"Writing the sanitized database into staging container {ContainerData.Short(container)} failed after it was stopped ({e.Message}); staging stays stopped and its database may be partly written. Fix the cause and run the copy again.", ct);
    }
}
