using System.Globalization;

namespace Pipeline.Data.Postgres;

/// <summary>
/// Sanitizes a Postgres database in place by <see cref="SanitizationRules"/> (meant for a scratch copy): the checks first
/// (<see cref="PostgresSanitizationCheck"/>), then every faked column is rewritten from a <see cref="PostgresFakeMap"/> per
/// rule kind in one transaction, with triggers and foreign-key actions off while values change; every foreign key is then
/// added again, so Postgres itself proves that joins still hold. The map holding original values lives in a temporary table
/// of that transaction only.
/// </summary>
public sealed class PostgresSanitizer(SanitizationRules rules, string? salt)
{
    static readonly RuleKind[] Faked = [RuleKind.Email, RuleKind.Phone, RuleKind.Name, RuleKind.Text];
    static readonly RuleKind[] Watched = [RuleKind.Email, RuleKind.Phone, RuleKind.Name];

    /// <summary>How many production values <see cref="PostgresSanitization.Sample"/> keeps for the leak scan.</summary>
    public int SampleSize { get; init; } = 1000;

    /// <summary>Sanitizes <paramref name="server"/>'s database; says what it did and which original values to look for afterwards.</summary>
    public async Task<PostgresSanitization> SanitizeAsync(PostgresShell server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        var key = salt is { Length: > 0 } ? salt : rules.Salt
            ?? throw new DataException($"No salt to sanitize with: pass one (keep it secret, e.g. a [Secret] parameter) or set \"salt\" in {rules.Source}.");
        var schema = await PostgresSchema.ReadAsync(server, ct);
        PostgresSanitizationCheck.ThrowOnProblems(rules, schema, server.What);
        var ruled = schema.Tables
            .SelectMany(t => t.Columns.Select(c => (Table: t, Column: c, Kind: rules.RuleFor(t.Name, c.Name))))
            .Where(r => r.Kind is not null)
            .Select(r => new RuledColumn(r.Table, r.Column, r.Kind!.Value))
            .ToList();
        var counts = await CountAsync(server, ruled, ct);
        var fake = new FakeValues(key);
        var maps = new List<PostgresFakeMap>();
        foreach (var kind in Faked)
            if (ruled.Where(r => r.Kind == kind).ToList() is { Count: > 0 } columns)
                maps.Add(PostgresFakeMap.Build(kind, fake, await DistinctAsync(server, columns.Select(c => (c.Table, c.Column)), ct)));
        try
        {
            await server.ScriptAsync(writer => RewriteAsync(writer, schema, ruled, maps), ct);
        }
        catch (DataException e)
        {
            throw new DataException(
                $"Sanitizing {server.What} by {rules.Source} failed and was rolled back: {e.Message} " +
                "A foreign key that no longer holds needs the same rule on the columns it joins; a NOT NULL column cannot be dropped (use a fake); a fake longer than a column's type allows needs a wider column.", e);
        }
        var unruled = schema.Tables.SelectMany(t => t.Columns.Where(c => rules.RuleFor(t.Name, c.Name) is null).Select(c => $"{t.Name}.{c.Name}")).ToList();
        var tables = ruled.Select(r => r.Table.Name).Distinct().ToList();
        return new(new SanitizationReport(counts, tables, unruled), Sample(maps), maps.Sum(m => m.Renumbered));
    }

    static async Task<Dictionary<RuleKind, long>> CountAsync(PostgresShell server, List<RuledColumn> ruled, CancellationToken ct)
    {
        var counts = Enum.GetValues<RuleKind>().ToDictionary(k => k, _ => 0L);
        if (ruled.Count == 0)
            return counts;
        var sql = string.Join(" UNION ALL ", ruled.Select(r => $"SELECT {PostgresSql.Literal(r.Kind.ToString())}, count({r.Column.Sql}) FROM {r.Table.Sql}"));
        foreach (var row in await server.QueryAsync(sql, ct))
            counts[Enum.Parse<RuleKind>(row[0]!)] += long.Parse(row[1]!, CultureInfo.InvariantCulture);
        return counts;
    }

    static async Task<IEnumerable<(string, bool)>> DistinctAsync(PostgresShell server, IEnumerable<(PostgresTable Table, PostgresColumn Column)> columns, CancellationToken ct)
    {
        var union = string.Join(" UNION ALL ", columns.Select(c => $"SELECT {c.Column.Sql}::text AS v, {(c.Column.IsUnique ? "true" : "false")} AS u FROM {c.Table.Sql}"));
        return (await server.QueryAsync($"SELECT v, bool_or(u) FROM ({union}) s WHERE v IS NOT NULL GROUP BY v", ct)).Select(r => (r[0]!, r[1] == "t"));
    }

    static async Task RewriteAsync(TextWriter sql, PostgresSchema schema, List<RuledColumn> ruled, IReadOnlyList<PostgresFakeMap> maps)
    {
        foreach (var map in maps)
        {
            await sql.WriteLineAsync($"CREATE TEMP TABLE {MapTable(map.Kind)} (original text, fake text) ON COMMIT DROP;");
            await sql.WriteLineAsync($"COPY {MapTable(map.Kind)} FROM STDIN;");
            foreach (var (original, replacement) in map.Fakes)
                await sql.WriteLineAsync($"{CopyText.Escape(original)}\t{CopyText.Escape(replacement)}");
            await sql.WriteLineAsync("\\.");
            await sql.WriteLineAsync($"ANALYZE {MapTable(map.Kind)};");
        }
        await sql.WriteLineAsync("SET LOCAL session_replication_role = replica;");
        foreach (var table in ruled.Where(r => r.Kind != RuleKind.Keep).GroupBy(r => r.Table))
            await sql.WriteLineAsync(Update(table.Key, [.. table]));
        await sql.WriteLineAsync("SET LOCAL session_replication_role = origin;");
        foreach (var key in schema.ForeignKeys)
            await sql.WriteLineAsync($"ALTER TABLE {key.Table} DROP CONSTRAINT {PostgresSql.Identifier(key.Name)}, ADD CONSTRAINT {PostgresSql.Identifier(key.Name)} {key.Definition};");
    }

    /// <summary>One UPDATE per table: each faked column hash-joined to its kind's map (NULL stays NULL), each dropped column set to NULL.</summary>
    static string Update(PostgresTable table, List<RuledColumn> columns)
    {
        var faked = columns.Where(c => c.Kind != RuleKind.Drop).Select((c, i) => (c.Column, c.Kind, Alias: $"f{i}")).ToList();
        var sets = columns.Where(c => c.Kind == RuleKind.Drop).Select(c => $"{c.Column.Sql} = NULL")
            .Concat(faked.Select(f => $"{f.Column.Sql} = s.{f.Alias}"));
        if (faked.Count == 0)
            return $"UPDATE {table.Sql} SET {string.Join(", ", sets)};";
        var joins = string.Concat(faked.Select(f => $" LEFT JOIN {MapTable(f.Kind)} {f.Alias} ON {f.Alias}.original = r.{f.Column.Sql}::text"));
        return $"UPDATE {table.Sql} t SET {string.Join(", ", sets)} FROM (SELECT r.tableoid AS pipeline_table, r.ctid AS pipeline_row, " +
            $"{string.Join(", ", faked.Select(f => $"{f.Alias}.fake AS {f.Alias}"))} FROM {table.Sql} r{joins}) s " +
            "WHERE t.tableoid = s.pipeline_table AND t.ctid = s.pipeline_row;";
    }

    static string MapTable(RuleKind kind) => $"pipeline_fakes_{kind.ToString().ToLowerInvariant()}";

    PostgresLeakSample Sample(IReadOnlyList<PostgresFakeMap> maps)
    {
        var fakes = maps.SelectMany(m => m.Fakes.Values).ToHashSet(StringComparer.Ordinal);
        var perKind = maps.Where(m => Watched.Contains(m.Kind))
            .Select(m => m.Fakes.Where(f => f.Key.Trim().Length >= 5 && !fakes.Contains(f.Key)).OrderBy(f => f.Value, StringComparer.Ordinal).Select(f => f.Key).ToList())
            .ToList();
        var sample = new List<string>();
        for (var i = 0; sample.Count < SampleSize && perKind.Any(k => i < k.Count); i++)
            sample.AddRange(perKind.Where(k => i < k.Count).Select(k => k[i]).Take(SampleSize - sample.Count));
        return new(sample);
    }
}

/// <summary>A column with a rule.</summary>
internal sealed record RuledColumn(PostgresTable Table, PostgresColumn Column, RuleKind Kind);
