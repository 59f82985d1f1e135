namespace Pipeline.Data.Postgres;

/// <summary>
/// One user table as read at a moment: its rows and a checksum of their content. The checksum does not depend on the
/// rows' physical order: it is the md5 of the sum of the first 64 bits of each row's md5 (of the row as text, read with
/// fixed output settings: UTC, ISO dates, shortest exact floats, hex bytea), so a dump restored elsewhere gives the same value.
/// </summary>
public sealed record PostgresTableFacts(string Schema, string Name, long Rows, string Checksum)
{
    /// <summary>The table as <c>schema.name</c>.</summary>
    public string Table => $"{Schema}.{Name}";

    /// <summary>The session settings the facts are read with; they fix how rows are written as text.</summary>
    public const string Settings = """
        SET TimeZone = 'UTC';
        SET DateStyle = 'ISO, YMD';
        SET IntervalStyle = 'postgres';
        SET extra_float_digits = 1;
        SET bytea_output = 'hex';
        SET search_path = pg_catalog;
        """;

    /// <summary>
    /// The query giving schema, name, rows and checksum of every table (ordinary and partitioned) outside the system schemas
    /// and not owned by an extension, ordered by schema and name. <c>query_to_xml</c> runs each table's aggregate without a
    /// function of ours, so it works read-only on any database.
    /// </summary>
    public const string Query = """
        SELECT n.nspname, c.relname, f.rows, f.checksum
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL (
          SELECT (xpath('/row/r/text()', x))[1]::text::bigint AS rows, (xpath('/row/h/text()', x))[1]::text AS checksum
          FROM query_to_xml(format(
            'SELECT count(*) AS r, md5(coalesce(sum((''x'' || left(md5(t::text), 16))::bit(64)::bigint), 0)::text) AS h FROM %I.%I t',
            n.nspname, c.relname), false, true, '') AS x
        ) f
        WHERE c.relkind IN ('r', 'p')
          AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>The facts of every table of <paramref name="server"/>'s database, read in one repeatable-read transaction.</summary>
    public static async Task<IReadOnlyList<PostgresTableFacts>> ReadAsync(PostgresShell server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        var printed = await server.ScriptAsync(async sql =>
        {
            await sql.WriteLineAsync("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;");
            await sql.WriteLineAsync(Settings);
            await sql.WriteLineAsync($"COPY ({Query}) TO STDOUT;");
        }, ct);
        return Parse(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The facts in lines of <c>COPY (<see cref="Query"/>) TO STDOUT</c>.</summary>
    public static IReadOnlyList<PostgresTableFacts> Parse(IEnumerable<string> lines) =>
        [.. lines.Select(CopyText.Fields).Select(f => f is [{ } schema, { } name, { } rows, { } checksum]
            ? new PostgresTableFacts(schema, name, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture), checksum)
            : throw new DataException($"The table facts query printed an unexpected line ({f.Length} field(s)); is this a Postgres {PostgresImage.PostgresVersion}-compatible server?"))];
}
