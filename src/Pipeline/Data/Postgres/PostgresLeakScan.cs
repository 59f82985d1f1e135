namespace Pipeline.Data.Postgres;

/// <summary>
/// Looks for production values in a database: every text column of every table is checked for an exact match with the
/// <see cref="PostgresLeakSample"/> (a hashed semi-join on a temporary table of that one transaction), and every text or
/// JSON column for a sampled email address inside a longer value (a payload, a note). The result names the columns, never
/// the values.
/// </summary>
public static class PostgresLeakScan
{
    const string EmailPattern = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[A-Za-z0-9]";

    /// <summary>Scans <paramref name="server"/>'s database for <paramref name="sample"/>'s values.</summary>
    public static async Task<PostgresLeakScanResult> ScanAsync(PostgresShell server, PostgresLeakSample sample, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(sample);
        var schema = await PostgresSchema.ReadAsync(server, ct);
        var columns = schema.Tables.SelectMany(t => t.Columns.Where(c => c.IsText || c.Type is "json" or "jsonb").Select(c => (Table: t, Column: c))).ToList();
        if (sample.Values.Count == 0 || columns.Count == 0)
            return new(sample.Values.Count, columns.Count, []);
        var printed = await server.ScriptAsync(async sql =>
        {
            await sql.WriteLineAsync("CREATE TEMP TABLE pipeline_leak_sample (v text PRIMARY KEY) ON COMMIT DROP;");
            await sql.WriteLineAsync("COPY pipeline_leak_sample FROM STDIN;");
            foreach (var value in sample.Values.Distinct(StringComparer.Ordinal))
                await sql.WriteLineAsync(CopyText.Escape(value));
            await sql.WriteLineAsync("\\.");
            foreach (var (table, column) in columns)
                await sql.WriteLineAsync(
                    $"COPY (SELECT {PostgresSql.Literal($"{table.Name}.{column.Name}")} WHERE EXISTS (SELECT 1 FROM {table.Sql} t WHERE t.{column.Sql}::text IN (SELECT v FROM pipeline_leak_sample)) " +
                    $"OR EXISTS (SELECT 1 FROM {table.Sql} t, regexp_matches(t.{column.Sql}::text, {PostgresSql.Literal(EmailPattern)}, 'g') m WHERE m[1] IN (SELECT v FROM pipeline_leak_sample))) TO STDOUT;");
        }, ct);
        return new(sample.Values.Count, columns.Count, [.. printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => CopyText.Fields(l)[0]!)]);
    }
}

/// <summary>What a leak scan looked at and the columns (<c>table.column</c>) where it found a production value.</summary>
public sealed record PostgresLeakScanResult(int Values, int Columns, IReadOnlyList<string> Leaks)
{
    /// <summary>Throws <see cref="DataException"/> naming the leaking columns of <paramref name="what"/>, and what to fix.</summary>
    public void ThrowIfLeaked(string what, string rulesSource, string state)
    {
        if (Leaks.Count > 0)
            throw new DataException(
                $"Production values were found in {what} after sanitizing, in {string.Join(", ", Leaks)} ({state}). " +
                $"Give those columns a rule in {rulesSource} that replaces them (email, phone, name, text or drop), then run the sync again.");
    }
}
