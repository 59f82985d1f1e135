using Microsoft.Data.Sqlite;

namespace App.Data;

/// <summary>
/// The SQLite file at <c>$DATA_DIR/app.db</c>. Rollback-journal mode (not WAL), so that between transactions the single
/// file holds every committed row and a copy of the data volume is consistent.
/// </summary>
public sealed class Database(string path)
{
    readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 15,
    }.ToString();

    /// <summary>The database file.</summary>
    public string Path => path;

    /// <summary>Opens a (pooled) connection.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Runs one statement and returns the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs one query and maps each row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>Answers <c>SELECT 1</c>, or throws.</summary>
    public async Task PingAsync(CancellationToken ct) => await QueryAsync("SELECT 1", r => r.GetInt32(0), ct);

    /// <summary>Closes pooled connections so the file is left alone (on shutdown).</summary>
    public static void ReleaseFiles() => SqliteConnection.ClearAllPools();
}
