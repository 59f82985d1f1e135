using Microsoft.Data.Sqlite;

namespace Pipeline.Data;

/// <summary>Unpooled connections (so files can be deleted right after) and the few commands the data code runs.</summary>
internal static class SqliteFiles
{
    public static async Task<SqliteConnection> OpenAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file))
            throw new DataException($"No SQLite database at {file}: check the path.");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }

    public static async Task<IReadOnlyList<string>> QueryAsync(SqliteConnection connection, string sql, string? table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (table is not null)
            command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
            values.Add(reader.GetString(0));
        return values;
    }

    public static async Task<long> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct, bool scalar = false)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return scalar ? Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) : await command.ExecuteNonQueryAsync(ct);
    }

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
