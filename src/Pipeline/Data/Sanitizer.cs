using Microsoft.Data.Sqlite;

namespace Pipeline.Data;

/// <summary>
/// Rewrites a SQLite file in place by <see cref="SanitizationRules"/>: deterministic fakes keyed by the salt (the same
/// value always gets the same fake, so joins hold), then VACUUM so no old value survives in free pages. It refuses,
/// before changing anything, when a personal-looking column has no rule or a rule names a missing table or column.
/// </summary>
public sealed class Sanitizer(SanitizationRules rules, string? salt)
{
    /// <summary>Whether a column name looks like personal data (email, phone, name, address, ip...).</summary>
    public static bool IsPersonalLooking(string columnName) => PersonalColumns.IsPersonalLooking(columnName);

    /// <summary>Sanitizes <paramref name="sqliteFile"/> and says what it did.</summary>
    public async Task<SanitizationReport> SanitizeAsync(string sqliteFile, CancellationToken ct)
    {
        var key = salt is { Length: > 0 } ? salt : rules.Salt
            ?? throw new DataException($"No salt to sanitize with: pass one (keep it secret, e.g. a [Secret] parameter) or set \"salt\" in {rules.Source}.");
        try
        {
            await using var connection = await SqliteFiles.OpenAsync(sqliteFile, ct);
            var schema = await DatabaseSchema.ReadAsync(connection, ct);
            SanitizationCheck.ThrowOnProblems(rules, schema, sqliteFile);
            var fakes = new FakeValues(key);
            connection.CreateFunction<string, object?, object?>("pipeline_fake", (kind, value) => fakes.Replace(Enum.Parse<RuleKind>(kind), value), isDeterministic: true);
            await SqliteFiles.ExecuteAsync(connection, null, "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;", ct);
            var report = await RewriteAsync(connection, schema, ct);
            await SqliteFiles.ExecuteAsync(connection, null, "VACUUM", ct);
            return report;
        }
        catch (SqliteException e)
        {
            throw new DataException($"Sanitizing {sqliteFile} failed: {e.Message.TrimEnd('.')}. Check that it is a SQLite database the rules in {rules.Source} fit.", e);
        }
    }

    async Task<SanitizationReport> RewriteAsync(SqliteConnection connection, DatabaseSchema schema, CancellationToken ct)
    {
        var values = Enum.GetValues<RuleKind>().ToDictionary(k => k, _ => 0L);
        var tables = new List<string>();
        var statistics = await SqliteFiles.QueryAsync(connection, "SELECT name FROM sqlite_schema WHERE name IN ('sqlite_stat3', 'sqlite_stat4')", null, ct);
        await using var transaction = connection.BeginTransaction();
        foreach (var table in schema.Tables)
        {
            var ruled = table.Columns.Select(c => (Column: SqliteFiles.Quote(c), Kind: rules.RuleFor(table.Name, c))).Where(r => r.Kind is not null).ToList();
            if (ruled.Count == 0)
                continue;
            var name = SqliteFiles.Quote(table.Name);
            foreach (var (column, kind) in ruled)
                values[kind!.Value] += await SqliteFiles.ExecuteAsync(connection, transaction, $"SELECT COUNT({column}) FROM {name}", ct, scalar: true);
            var sets = ruled.Where(r => r.Kind != RuleKind.Keep).Select(r => $"{r.Column} = pipeline_fake('{r.Kind}', {r.Column})").ToList();
            if (sets.Count > 0)
                await SqliteFiles.ExecuteAsync(connection, transaction, $"UPDATE {name} SET {string.Join(", ", sets)}", ct);
            tables.Add(table.Name);
        }
        foreach (var stat in statistics)
            await SqliteFiles.ExecuteAsync(connection, transaction, $"DELETE FROM {stat}", ct);
        await transaction.CommitAsync(ct);
        var unruled = schema.Tables.SelectMany(t => t.Columns.Where(c => rules.RuleFor(t.Name, c) is null).Select(c => $"{t.Name}.{c}")).ToList();
        return new(values, tables, unruled);
    }
}
