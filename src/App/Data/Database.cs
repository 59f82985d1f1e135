using System.Data.Common;
using App.Data.Postgres;
using Microsoft.Data.Sqlite;

namespace App.Data;

/// <summary>
/// The service's database: SQLite at <c>$DATA_DIR/app.db</c> (the default) or Postgres (<c>ConnectionStrings__Postgres</c>).
/// The stores speak to both through ADO.NET's base types and one SQL text; <see cref="Kind"/> is the seam where they differ.
/// SQLite runs in rollback-journal mode (not WAL), so that between transactions the single file holds every committed row
/// and a copy of the data volume is consistent.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    readonly DbDataSource _source;

    Database(DbDataSource source, DatabaseKind kind, string description)
    {
        _source = source;
        Kind = kind;
        Description = description;
    }

    /// <summary>Which database this is.</summary>
    public DatabaseKind Kind { get; }

    /// <summary>Where the data lives (a file, or Postgres's user, host and database; never a password).</summary>
    public string Description { get; }

    /// <summary>The SQLite file at <paramref name="path"/>.</summary>
    public static Database Sqlite(string path) => new(
        SqliteFactory.Instance.CreateDataSource(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 15,
        }.ToString()),
        DatabaseKind.Sqlite,
        path);

    /// <summary>The Postgres database <paramref name="connection"/> names.</summary>
    public static Database Postgres(PostgresConnection connection) => new(connection.CreateDataSource(), DatabaseKind.Postgres, connection.ToString());

    /// <summary>A point in time as this database stores it: ISO-8601 text in SQLite, <c>timestamptz</c> in Postgres.</summary>
    public object Time(DateTimeOffset time) => Kind == DatabaseKind.Sqlite ? time.ToText() : time.ToUniversalTime();

    /// <summary>Opens a (pooled) connection.</summary>
    public ValueTask<DbConnection> OpenAsync(CancellationToken ct) => _source.OpenConnectionAsync(ct);

    /// <summary>Runs one statement and returns the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs one query and maps each row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
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

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the database to answer, as a server that is still starting (a stack's
    /// first start) gives transient errors; a lasting error (a wrong password, no such database) throws at once.
    /// </summary>
    public async Task WaitReachableAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            try
            {
                await PingAsync(ct);
                return;
            }
            catch (DbException e) when (e.IsTransient && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
            }
        }
    }

    /// <summary>Closes the pooled connections; for SQLite, leaves the file alone (on shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        if (Kind == DatabaseKind.Sqlite)
            SqliteConnection.ClearAllPools();
    }
}

/// <summary>The databases the service runs on.</summary>
public enum DatabaseKind
{
    /// <summary>One file on the data volume; one process at a time (the default).</summary>
    Sqlite,

    /// <summary>A Postgres server shared by the web and worker processes.</summary>
    Postgres,
}
