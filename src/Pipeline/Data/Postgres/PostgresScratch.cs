using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Data.Postgres;

/// <summary>
/// A throwaway Postgres server of <see cref="PostgresImage"/> to sanitize a copy in: its data on a tmpfs (raw personal data
/// never reaches a disk and goes with the container), durability off (it is thrown away), no published port (reached by exec).
/// Removed on dispose, whatever happened.
/// </summary>
public sealed class PostgresScratch : IAsyncDisposable
{
    const string Mount = "/var/lib/postgresql/scratch";
    readonly DockerClient client;

    PostgresScratch(DockerClient client, string id, string name)
    {
        this.client = client;
        Shell = new PostgresShell(client, id, $"the scratch database {name}");
    }

    /// <summary>The scratch server.</summary>
    public PostgresShell Shell { get; }

    /// <summary>Builds the image if needed, starts a scratch server on <paramref name="client"/>'s engine and waits until it is ready.</summary>
    public static async Task<PostgresScratch> StartAsync(DockerClient client, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await PostgresImage.EnsureAsync(client, log, ct);
        var name = $"pipeline-pg-scratch-{Guid.NewGuid():N}"[..32];
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = PostgresImage.Tag,
            Env = ["POSTGRES_USER=pipeline", "POSTGRES_DB=scratch", "POSTGRES_HOST_AUTH_METHOD=trust", $"PGDATA={Mount}/data"],
            Cmd = ["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "listen_addresses="],
            Labels = new Dictionary<string, string> { ["pipeline.role"] = "postgres-scratch" },
            HostConfig = new HostConfig { Tmpfs = new Dictionary<string, string> { [Mount] = "rw,nosuid,nodev" }, NetworkMode = "none" },
        }, ct);
        var scratch = new PostgresScratch(client, created.ID, name);
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            await PostgresImage.WaitReadyAsync(client, created.ID, ct);
            log.Debug("Started the scratch database {Name} ({Id})", name, ContainerData.Short(created.ID));
            return scratch;
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes the container (and its tmpfs with it).</summary>
    public async ValueTask DisposeAsync() => await Remover.ContainerAsync(client, Shell.ContainerId, removeVolumes: true, CancellationToken.None);
}
