namespace Pipeline.Data;

/// <summary>What stops a sanitization before anything is changed: rules for missing tables or columns, and personal-looking columns without a rule.</summary>
internal static class SanitizationCheck
{
    public static void ThrowOnProblems(SanitizationRules rules, DatabaseSchema schema, string file)
    {
        var problems = Problems(rules, schema).ToList();
        if (problems.Count > 0)
            throw new DataException(
                $"Refusing to sanitize {file}; nothing was changed:{string.Concat(problems.Select(p => $"\n  - {p}"))}\n" +
                $"Give every personal-looking column a rule in {rules.Source} ({string.Join(", ", SanitizationRules.Kinds)}; 'keep' when it is not personal) and remove rules for tables or columns that do not exist.");
    }

    public static IEnumerable<string> Problems(SanitizationRules rules, DatabaseSchema schema)
    {
        foreach (var (table, columns) in rules.Tables)
        {
            if (schema.Find(table) is not { } found)
            {
                yield return $"the rules name table '{table}', which the database does not have (its tables: {string.Join(", ", schema.Tables.Select(t => t.Name))})";
                continue;
            }
            foreach (var column in columns.Keys.Where(c => !found.Has(c)))
                yield return $"the rules name column {found.Name}.{column}, which does not exist (columns of {found.Name}: {string.Join(", ", found.Columns)})";
        }
        foreach (var table in schema.Tables)
            foreach (var column in table.Columns.Where(c => rules.RuleFor(table.Name, c) is null && PersonalColumns.IsPersonalLooking(c)))
                yield return $"column {table.Name}.{column} looks personal but has no rule";
    }
}
