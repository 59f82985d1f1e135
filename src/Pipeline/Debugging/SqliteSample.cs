using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pipeline.Data;

namespace Pipeline.Debugging;

/// <summary>Reads and scrubs a sanitized SQLite copy: schema, sample rows, and a last pass of the redaction rules over every text value.</summary>
internal static class SqliteSample
{
    /// <summary>Masks, in place, every text value the redactor changes (an email or phone in a column the rules keep); returns how many; then VACUUM.</summary>
    public static async Task<int> ScrubAsync(string database, ValueRedactor redactor, CancellationToken ct)
    {
        await using var connection = await SqliteFiles.OpenAsync(database, ct);
        var changed = 0;
        await using (var transaction = connection.BeginTransaction())
        {
            foreach (var table in (await DatabaseSchema.ReadAsync(connection, ct)).Tables)
            {
                var updates = new List<(long RowId, string Column, string Value)>();
                await using (var read = connection.CreateCommand())
                {
                    read.Transaction = transaction;
                    read.CommandText = $"SELECT rowid, {string.Join(", ", table.Columns.Select(SqliteFiles.Quote))} FROM {SqliteFiles.Quote(table.Name)}";
                    await using var reader = await read.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        for (var i = 0; i < table.Columns.Count; i++)
                            if (reader.GetValue(i + 1) is string text && redactor.Text(text) is var masked && masked != text)
                                updates.Add((reader.GetInt64(0), table.Columns[i], masked));
                }
                foreach (var (rowId, column, value) in updates)
                {
                    await using var update = connection.CreateCommand();
                    update.Transaction = transaction;
                    update.CommandText = $"UPDATE {SqliteFiles.Quote(table.Name)} SET {SqliteFiles.Quote(column)} = $value WHERE rowid = $id";
                    update.Parameters.AddWithValue("$value", value);
                    update.Parameters.AddWithValue("$id", rowId);
                    await update.ExecuteNonQueryAsync(ct);
                }
                changed += updates.Count;
            }
            await transaction.CommitAsync(ct);
        }
        await SqliteFiles.ExecuteAsync(connection, null, "VACUUM", ct);
        return changed;
    }

    /// <summary>The schema as SQL, the first <paramref name="rows"/> rows of each table as JSON (redacted again), and the total row count.</summary>
    public static async Task<(string Schema, string Sample, long Rows)> ReadAsync(string database, int rows, ValueRedactor redactor, CancellationToken ct)
    {
        await using var connection = await SqliteFiles.OpenAsync(database, ct);
        var schema = string.Join(";\n\n", await SqliteFiles.QueryAsync(connection, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC, name", null, ct)) + ";\n";
        var tables = new JsonObject();
        long total = 0;
        foreach (var table in (await DatabaseSchema.ReadAsync(connection, ct)).Tables)
        {
            var name = SqliteFiles.Quote(table.Name);
            var count = await SqliteFiles.ExecuteAsync(connection, null, $"SELECT COUNT(*) FROM {name}", ct, scalar: true);
            total += count;
            var sample = new JsonArray();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {name} LIMIT {rows}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = new JsonObject();
                for (var i = 0; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = reader.GetValue(i) switch
                    {
                        DBNull => null,
                        string s => JsonValue.Create(s),
                        long l => JsonValue.Create(l),
                        double d => JsonValue.Create(d),
                        byte[] b => JsonValue.Create($"({b.Length} bytes)"),
                        var other => JsonValue.Create(other.ToString()),
                    };
                sample.Add(row);
            }
            tables[table.Name] = new JsonObject { ["rows"] = count, ["sample"] = sample };
        }
        return (schema, JsonRedaction.Redact(tables, redactor)!.ToJsonString(JsonRedaction.Options), total);
    }
}
