using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Data.Postgres;

/// <summary>
/// A debug snapshot's view of a Postgres database, read through exec without copying it: the schema
/// (<c>pg_dump --schema-only</c>) and a few rows per table sanitized by <c>deploy/sanitize.json</c> with the sync's fakes,
/// refused on the same problems as the sync (a personal-looking column or a table without a rule).
/// </summary>
public static class PostgresSample
{
    /// <summary>The schema as SQL, without owners or grants.</summary>
    public static async Task<string> SchemaAsync(PostgresShell server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        var schema = new MemoryStream();
        await server.RunAsync("pg_dump", ["--schema-only", "--no-owner", "--no-privileges"], null, (stdout, token) => stdout.CopyToAsync(schema, token), ct);
        return Encoding.UTF8.GetString(schema.ToArray());
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows of each table as JSON (<c>{ "table": { "rows": count, "sample": [...] } }</c>,
    /// the SQLite sample's shape), each value sanitized by its column's rule, then every remaining text passed through
    /// <paramref name="scrub"/> (the snapshot's redaction rules); and the total row count.
    /// </summary>
    public static async Task<(string Sample, long Rows)> ReadAsync(
        PostgresShell server, SanitizationRules rules, string? salt, int rows, Func<string, string> scrub, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(scrub);
        var key = salt is { Length: > 0 } ? salt : rules.Salt
            ?? throw new DataException($"No salt to sanitize with: pass one (keep it secret, e.g. a [Secret] parameter) or set \"salt\" in {rules.Source}.");
        var schema = await PostgresSchema.ReadAsync(server, ct);
        PostgresSanitizationCheck.ThrowOnProblems(rules, schema, server.What);
        var fakes = new FakeValues(key);
        var tables = new JsonObject();
        long total = 0;
        foreach (var table in schema.Tables)
        {
            var count = long.Parse((await server.QueryAsync($"SELECT count(*) FROM {table.Sql}", ct))[0][0]!, CultureInfo.InvariantCulture);
            total += count;
            var sample = new JsonArray();
            foreach (var row in await server.QueryAsync($"SELECT row_to_json(t)::text FROM (SELECT * FROM {table.Sql} LIMIT {rows}) t", ct))
                sample.Add(Sanitize(JsonNode.Parse(row[0]!)!.AsObject(), table.Name, rules, fakes, scrub));
            tables[table.Name] = new JsonObject { ["rows"] = count, ["sample"] = sample };
        }
        return (tables.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), total);
    }

    static JsonObject Sanitize(JsonObject row, string table, SanitizationRules rules, FakeValues fakes, Func<string, string> scrub)
    {
        var clean = new JsonObject();
        foreach (var (column, value) in row)
        {
            var kind = rules.RuleFor(table, column) ?? RuleKind.Keep;
            clean[column] = kind switch
            {
                RuleKind.Keep => Scrub(value?.DeepClone(), scrub),
                _ when value is null => null,
                RuleKind.Drop => null,
                _ => JsonValue.Create(scrub((string)fakes.Replace(kind, value.GetValue<string>())!)),
            };
        }
        return clean;
    }

    static JsonNode? Scrub(JsonNode? node, Func<string, string> scrub) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(scrub(text)),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Scrub(p.Value?.DeepClone(), scrub)))),
        JsonArray a => new JsonArray([.. a.Select(i => Scrub(i?.DeepClone(), scrub))]),
        _ => node,
    };
}
