using Microsoft.Data.Sqlite;

namespace Pipeline.Data;

/// <summary>The user tables of a SQLite database and their columns, in declaration order.</summary>
internal sealed record DatabaseSchema(IReadOnlyList<DatabaseTable> Tables)
{
    public static async Task<DatabaseSchema> ReadAsync(SqliteConnection connection, CancellationToken ct)
    {
        var names = await SqliteFiles.QueryAsync(connection, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", null, ct);
        var tables = new List<DatabaseTable>();
        foreach (var name in names)
            tables.Add(new(name, await SqliteFiles.QueryAsync(connection, "SELECT name FROM pragma_table_info($table) ORDER BY cid", name, ct)));
        return new(tables);
    }

    public DatabaseTable? Find(string table) => Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One table and its column names.</summary>
internal sealed record DatabaseTable(string Name, IReadOnlyList<string> Columns)
{
    public bool Has(string column) => Columns.Contains(column, StringComparer.OrdinalIgnoreCase);
}
