namespace Pipeline.Data;

/// <summary>
/// What a sanitization did: non-NULL values handled per rule kind, the tables it processed, and the columns it left as
/// they were because they have no rule and do not look personal.
/// </summary>
public sealed record SanitizationReport(IReadOnlyDictionary<RuleKind, long> Values, IReadOnlyList<string> Tables, IReadOnlyList<string> ColumnsWithoutRule)
{
    /// <summary>One line for the log.</summary>
    public string Describe() =>
        $"{Tables.Count} table(s) ({string.Join(", ", Tables)}); values: {string.Join(", ", Values.Select(v => $"{v.Key.ToString().ToLowerInvariant()} {v.Value}"))}" +
        (ColumnsWithoutRule.Count > 0 ? $"; kept without a rule: {string.Join(", ", ColumnsWithoutRule)}" : "");
}
