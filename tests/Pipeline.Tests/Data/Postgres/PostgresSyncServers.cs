using Npgsql;
using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

/// <summary>
/// Two throwaway Postgres servers, production's and staging's, shared by a test class; each test works in databases of its
/// own (<see cref="CreateAsync"/>), dropped when the test ends.
/// </summary>
public sealed class PostgresSyncServers : IAsyncLifetime
{
    public PostgresContainer Production { get; private set; } = null!;

    public PostgresContainer Staging { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var starting = new[] { PostgresContainer.StartAsync("sync-prod"), PostgresContainer.StartAsync("sync-stage") };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
                await started.Result.DisposeAsync();
            throw;
        }
        (Production, Staging) = (starting[0].Result, starting[1].Result);
    }

    public async Task DisposeAsync()
    {
        await Production.DisposeAsync();
        await Staging.DisposeAsync();
    }

    /// <summary>Creates database <paramref name="name"/> on <paramref name="server"/>, runs <paramref name="sql"/> in it, and returns a shell on it.</summary>
    public static async Task<PostgresShell> CreateAsync(PostgresContainer server, string name, string sql)
    {
        await server.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        await ExecuteAsync(server, name, sql);
        return new PostgresShell(server.Client, server.Id, $"test database {name}") { Database = name };
    }

    /// <summary>Drops database <paramref name="name"/> (closing any session on it).</summary>
    public static Task DropAsync(PostgresContainer server, string name) => server.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>A connection string to database <paramref name="name"/> of <paramref name="server"/>.</summary>
    public static string ConnectionString(PostgresContainer server, string name) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;

    /// <summary>Runs <paramref name="sql"/> in database <paramref name="name"/>.</summary>
    public static async Task ExecuteAsync(PostgresContainer server, string name, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(server, name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of each row of <paramref name="sql"/> in database <paramref name="name"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(PostgresContainer server, string name, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(server, name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    /// <summary>Every table, and every row of each as JSON, in a stable order: equal before and after means nothing changed.</summary>
    public static async Task<string> FingerprintAsync(PostgresContainer server, string name)
    {
        var tables = await QueryAsync<string>(server, name, "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        var rows = new List<string>();
        foreach (var table in tables)
            rows.AddRange(await QueryAsync<string>(server, name, $"SELECT '{table}:' || row_to_json(t)::text FROM {table} t ORDER BY 1"));
        return string.Join("\n", tables.Concat(rows));
    }

    /// <summary>The <c>table.column</c>s of text columns in database <paramref name="name"/> holding a value containing <paramref name="fragment"/>.</summary>
    public static async Task<List<string>> ColumnsContainingAsync(PostgresContainer server, string name, string fragment)
    {
        var columns = await QueryAsync<string>(server, name,
            "SELECT quote_ident(table_name) || '.' || quote_ident(column_name) FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character') ORDER BY 1");
        var found = new List<string>();
        foreach (var column in columns)
        {
            var (table, col) = (column[..column.IndexOf('.', StringComparison.Ordinal)], column[(column.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            if ((await QueryAsync<long>(server, name, $"SELECT count(*) FROM {table} WHERE position('{fragment}' in {col}) > 0"))[0] > 0)
                found.Add(column);
        }
        return found;
    }
}
