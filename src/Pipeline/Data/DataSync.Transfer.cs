using Docker.DotNet;

namespace Pipeline.Data;

public sealed partial class DataSync
{
    /// <summary>Stops staging, writes the database and empties its stale journal, WAL and shared-memory files, starts staging again if it was running.</summary>
    async Task WriteStagingAsync(ContainerData data, string staging, string database, CancellationToken ct)
    {
        if (!await data.ExistsAsync(staging, DataPath, ct))
            throw new DataException($"Staging container {ContainerData.Short(staging)} has no {DataPath}: check the service's volume mount; staging was not changed.");
        var running = (await data.StateAsync(staging, ct)).Running;
        if (running)
            await data.StopAsync(staging, ct);
        try
        {
            string[] companions = [$"{DatabaseFile}-journal", $"{DatabaseFile}-wal", $"{DatabaseFile}-shm"];
            var stale = (await data.ListAsync(staging, DataPath, ct)).Where(companions.Contains).ToList();
            await data.WriteAsync(staging, DataPath, async tar =>
            {
                await using var content = File.OpenRead(database);
                await tar.WriteEntryAsync(DataTar.OwnedFile(DatabaseFile, Owner, content), ct);
                foreach (var name in stale)
                    await tar.WriteEntryAsync(DataTar.OwnedFile(name, Owner, null), ct);
            }, ct);
            log.Information("Wrote the sanitized {Database} into {Path} of staging container {Container}, owned by {Owner}", DatabaseFile, DataPath, ContainerData.Short(staging), Owner);
        }
        catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException)
        {
            throw new DataException($"Writing the sanitized database into staging container {ContainerData.Short(staging)} failed after it was stopped ({e.Message}); staging stays stopped and its database may be partly written. Fix the cause and run the copy again.", e);
        }
        if (running)
            await data.StartAsync(staging, ct);
    }
}
