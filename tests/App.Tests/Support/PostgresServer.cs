using Npgsql;
using Pipeline.Tests.Support;

namespace App.Tests.Support;

/// <summary>
/// One throwaway Postgres server (the pipeline's own image) for the tests of <see cref="PostgresCollection"/>, which run one
/// at a time; each test gets an empty database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    PostgresContainer? _container;

    public PostgresContainer Container => _container ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _container = await PostgresContainer.StartAsync("app");

    public async Task DisposeAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
    }

    /// <summary>A new, empty database on the server.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await Container.ExecuteAsync($"CREATE DATABASE {name}");
        return new PostgresDatabase(Container, name);
    }
}

/// <summary>One database of <see cref="PostgresServer"/>.</summary>
public sealed record PostgresDatabase(PostgresContainer Server, string Name)
{
    /// <summary>What the app needs to run on it, given as the stack gives it: the connection string without the password, which is in <c>PGPASSWORD</c>.</summary>
    public Dictionary<string, string> Environment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={Server.Port};Username={PostgresContainer.User};Database={Name}",
            ["PGPASSWORD"] = Server.Password,
        };
        foreach (var (name, value) in more)
            environment[name] = value;
        return environment;
    }

    /// <summary>Runs a query and returns its first column as text, row by row.</summary>
    public async Task<IReadOnlyList<string?>> ColumnAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = Name };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    /// <summary>The first value of <paramref name="sql"/> as text.</summary>
    public async Task<string?> ScalarAsync(string sql) => (await ColumnAsync(sql)).SingleOrDefault();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres server";
}
