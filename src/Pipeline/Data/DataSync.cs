using Docker.DotNet;
using Serilog;

namespace Pipeline.Data;

/// <summary>
/// Copies production's SQLite database to staging, sanitized on the way: read (production paused), sanitized in a
/// private temporary folder under the work directory, written into stopped staging owned by <see cref="Owner"/>.
/// The temporary folder holds raw personal data, so it is deleted at the end, whatever happens.
/// </summary>
public sealed class DataSync(DockerClient client, ILogger log)
{
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
        var data = new ContainerData(client, log, StopTimeout);
        var (production, staging) = ((await data.InspectAsync(productionContainerId, ct)).ID, (await data.InspectAsync(stagingContainerId, ct)).ID);
        if (production == staging)
            throw new DataException($"Production and staging are the same container ({ContainerData.Short(production)}): pass the staging container as the target.");
        var temp = PrivateFolder(Path.Combine(Directory.CreateDirectory(workDirectory).FullName, $"data-sync-{Guid.NewGuid():N}"));
        try
        {
            var database = Path.Combine(temp, Database.File);
            if (!await data.CopyDatabaseOutAsync(production, Database.Folder, Database.File, temp, ct))
            {
                log.Information("Production has no {Database} in {Path} yet; staging was not touched", Database.File, Database.Folder);
                return SyncReport.NothingToCopy;
            }
            var report = await new Sanitizer(rules, salt).SanitizeAsync(database, ct);
            log.Information("Sanitized the copy of production's {Database}: {Report}", Database.File, report.Describe());
            var size = new FileInfo(database).Length;
            await WriteStagingAsync(data, staging, database, ct);
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
    async Task WriteStagingAsync(ContainerData data, string staging, string database, CancellationToken ct)
    {
        if (!await data.ExistsAsync(staging, Database.Folder, ct))
            throw new DataException($"Staging container {ContainerData.Short(staging)} has no {Database.Folder}: check the service's volume mount; staging was not changed.");
        await data.WhileStoppedAsync(staging, async () =>
        {
            string[] companions = [$"{Database.File}-journal", $"{Database.File}-wal", $"{Database.File}-shm"];
            var stale = (await data.ListAsync(staging, Database.Folder, ct)).Where(companions.Contains).ToList();
            await data.WriteAsync(staging, Database.Folder, async tar =>
            {
                await using var content = File.OpenRead(database);
                await tar.WriteEntryAsync(DataTar.OwnedFile(Database.File, Owner, content), ct);
                foreach (var name in stale)
                    await tar.WriteEntryAsync(DataTar.OwnedFile(name, Owner, null), ct);
            }, ct);
            log.Information("Wrote the sanitized {Database} into {Path} of staging container {Container}, owned by {Owner}", Database.File, Database.Folder, ContainerData.Short(staging), Owner);
        }, e => $"Writing the sanitized database into staging container {ContainerData.Short(staging)} failed after it was stopped ({e.Message}); staging stays stopped and its database may be partly written. Fix the cause and run the copy again.", ct);
    }
}
