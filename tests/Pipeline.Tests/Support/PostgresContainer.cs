using Docker.DotNet;
using Docker.DotNet.Models;
using Npgsql;
using Pipeline.Data.Postgres;
using Pipeline.Docker;

namespace Pipeline.Tests.Support;

/// <summary>
/// A throwaway Postgres server of <see cref="PostgresImage"/>, its data on a volume of its own, published on
/// 127.0.0.1 at a port the engine picks. Ready (health check passed) when <see cref="StartAsync"/> returns;
/// the container and its volume are removed on dispose.
/// </summary>
public sealed class PostgresContainer : IAsyncDisposable
{
    PostgresContainer(DockerClient client, string id, string name, string volume, int port, string password)
    {
        Client = client;
        Id = id;
        Name = name;
        Volume = volume;
        Port = port;
        Password = password;
    }

    /// <summary>The superuser the container was created with.</summary>
    public const string User = "app";

    /// <summary>The database the container was created with.</summary>
    public const string Database = "appdb";

    /// <summary>The engine client the container runs on.</summary>
    public DockerClient Client { get; }

    /// <summary>The container's id.</summary>
    public string Id { get; }

    /// <summary>The container's unique name.</summary>
    public string Name { get; }

    /// <summary>The named volume mounted at <c>PGDATA</c>.</summary>
    public string Volume { get; }

    /// <summary>The port on 127.0.0.1 that reaches the server's 5432.</summary>
    public int Port { get; }

    /// <summary>The superuser's random password.</summary>
    public string Password { get; }

    /// <summary>An Npgsql connection string to <see cref="Database"/> as <see cref="User"/> (pooling off, so dispose leaves no idle session).</summary>
    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = Database, Pooling = false }.ConnectionString;

    /// <summary>Builds the image if needed, starts a container and waits until Postgres accepts connections.</summary>
    public static async Task<PostgresContainer> StartAsync(string purpose = "pg")
    {
        var client = await Engine.ConnectAsync(CancellationToken.None);
        var (log, _) = InMemorySink.CreateLogger();
        await PostgresImage.EnsureAsync(client, log, CancellationToken.None);
        var name = $"pg-test-{purpose}-{Guid.NewGuid():N}"[..40];
        var volume = $"{name}-data";
        var password = Guid.NewGuid().ToString("N");
        var port = $"{PostgresImage.Port}/tcp";
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = PostgresImage.Tag,
            Env = [$"POSTGRES_USER={User}", $"POSTGRES_PASSWORD={password}", $"POSTGRES_DB={Database}"],
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            HostConfig = new HostConfig
            {
                Mounts = [new Mount { Type = "volume", Source = volume, Target = PostgresImage.DataDirectory }],
                PortBindings = new Dictionary<string, IList<PortBinding>> { [port] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }] },
            },
        });
        var container = new PostgresContainer(client, created.ID, name, volume, 0, password);
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            await PostgresImage.WaitReadyAsync(client, created.ID, CancellationToken.None);
            var inspected = await client.Containers.InspectContainerAsync(created.ID);
            var published = inspected.NetworkSettings?.Ports?[port]?[0].HostPort ?? throw new InvalidOperationException($"Container {name} has no published port for {port}.");
            var hostPort = int.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
            return new PostgresContainer(client, created.ID, name, volume, hostPort, password);
        }
        catch
        {
            await container.RemoveAsync();
            client.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to <see cref="Database"/>.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) and returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    async Task RemoveAsync()
    {
        await Remover.ContainerAsync(Client, Id, removeVolumes: true, CancellationToken.None);
        await Remover.VolumeAsync(Client, Volume, CancellationToken.None);
    }

    /// <summary>Removes the container and its volume.</summary>
    public async ValueTask DisposeAsync()
    {
        await RemoveAsync();
        Client.Dispose();
    }
}
