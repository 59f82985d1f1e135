namespace Pipeline.Data.Postgres;

/// <summary>
/// The user tables of a Postgres database (partitions folded into their parent), their columns, which columns are in a
/// unique index, and the foreign keys. A table in <c>public</c> is named by its name, one in another schema <c>schema.name</c>,
/// which is how <c>deploy/sanitize.json</c> names them.
/// </summary>
internal sealed record PostgresSchema(IReadOnlyList<PostgresTable> Tables, IReadOnlyList<PostgresForeignKey> ForeignKeys)
{
    const string UserTables = """
        c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
        """;

    const string Columns = $"""
        SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END, c.oid::regclass::text,
               a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory = 'S',
               EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND a.attnum = ANY (i.indkey))
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attnum > 0 AND NOT a.attisdropped AND {UserTables}
        ORDER BY 1, a.attnum
        """;

    const string Keys = """
        SELECT conrelid::regclass::text, confrelid::regclass::text, conname, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 3
        """;

    /// <summary>Reads the schema of <paramref name="server"/>'s database.</summary>
    public static async Task<PostgresSchema> ReadAsync(PostgresShell server, CancellationToken ct)
    {
        var tables = (await server.QueryAsync(Columns, ct))
            .GroupBy(r => (Name: r[0]!, Sql: r[1]!))
            .Select(g => new PostgresTable(g.Key.Name, g.Key.Sql, [.. g.Select(r => new PostgresColumn(r[2]!, r[3]!, r[4] == "t", r[5] == "t"))]))
            .ToList();
        var keys = (await server.QueryAsync(Keys, ct)).Select(r => new PostgresForeignKey(r[0]!, r[1]!, r[2]!, r[3]!)).ToList();
        return new(tables, keys);
    }

    /// <summary>The tables and column names, as the rule checks shared with SQLite see them.</summary>
    public DatabaseSchema Names => new([.. Tables.Select(t => new DatabaseTable(t.Name, [.. t.Columns.Select(c => c.Name)]))]);

    /// <summary>The table named <paramref name="name"/> (ignoring case), if any.</summary>
    public PostgresTable? Find(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A table: its name as the rules write it, its SQL identifier, its columns in order.</summary>
internal sealed record PostgresTable(string Name, string Sql, IReadOnlyList<PostgresColumn> Columns);

/// <summary>A column: its name, its SQL type, whether it holds text, whether a unique index covers it.</summary>
internal sealed record PostgresColumn(string Name, string Type, bool IsText, bool IsUnique)
{
    /// <summary>The quoted identifier.</summary>
    public string Sql => PostgresSql.Identifier(Name);
}

/// <summary>A foreign key: the referencing and referenced tables (SQL identifiers), its name and definition.</summary>
internal sealed record PostgresForeignKey(string Table, string References, string Name, string Definition);
