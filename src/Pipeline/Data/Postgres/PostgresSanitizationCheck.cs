namespace Pipeline.Data.Postgres;

/// <summary>
/// What stops a Postgres sanitization before anything changes: the SQLite checks (rules for missing tables or columns,
/// personal-looking columns without a rule), plus a table with no rule at all (a new table must be looked at) and a
/// faked column that does not hold text (a fake address cannot go into a number).
/// </summary>
internal static class PostgresSanitizationCheck
{
    public static void ThrowOnProblems(SanitizationRules rules, PostgresSchema schema, string what)
    {
        var problems = Problems(rules, schema).ToList();
        if (problems.Count > 0)
            throw new DataException(
                $"Refusing to sanitize {what}; nothing was changed:{string.Concat(problems.Select(p => $"\n  - {p}"))}\n" +
                $"Give every table and every personal-looking column a rule in {rules.Source} ({string.Join(", ", SanitizationRules.Kinds)}; 'keep' when it is not personal) and remove rules for tables or columns that do not exist.");
    }

    static IEnumerable<string> Problems(SanitizationRules rules, PostgresSchema schema)
    {
        foreach (var problem in SanitizationCheck.Problems(rules, schema.Names))
            yield return problem;
        foreach (var table in schema.Tables.Where(t => !rules.Tables.ContainsKey(t.Name)))
            yield return $"table {table.Name} has no rules (a new table? add it with a rule for each of its columns: {string.Join(", ", table.Columns.Select(c => c.Name))})";
        foreach (var table in schema.Tables)
            foreach (var column in table.Columns.Where(c => !c.IsText && rules.RuleFor(table.Name, c.Name) is RuleKind.Email or RuleKind.Phone or RuleKind.Name or RuleKind.Text))
                yield return $"column {table.Name}.{column.Name} is {column.Type}, which cannot hold a fake {rules.RuleFor(table.Name, column.Name)!.Value.ToString().ToLowerInvariant()}: use 'drop' or 'keep'";
    }
}
