namespace Pipeline.Data;

/// <summary>
/// <c>deploy/sanitize.json</c>: a rule per table and column (<c>keep</c>, <c>drop</c>, <c>email</c>, <c>phone</c>,
/// <c>name</c>, <c>text</c>) and an optional default salt. Table and column names match ignoring case, as in SQLite.
/// </summary>
public sealed class SanitizationRules
{
    internal SanitizationRules(string source, string? salt, IReadOnlyDictionary<string, IReadOnlyDictionary<string, RuleKind>> tables) =>
        (Source, Salt, Tables) = (source, salt, tables);

    /// <summary>The rule kinds as written in the file.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. Enum.GetNames<RuleKind>().Select(n => n.ToLowerInvariant())];

    /// <summary>Where the rules came from (a path), for messages.</summary>
    public string Source { get; }

    /// <summary>The file's default salt, used when the sanitizer is given none.</summary>
    public string? Salt { get; }

    /// <summary>Rules by table, then by column.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, RuleKind>> Tables { get; }

    /// <summary>Reads and checks a rules file; <see cref="DataException"/> says what is wrong and where.</summary>
    public static SanitizationRules Load(string path)
    {
        if (!File.Exists(path))
            throw new DataException($"No sanitization rules at {Path.GetFullPath(path)}: create it with a rule for every column of every table (see deploy/sanitize.json).");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses rules from JSON text; <paramref name="source"/> names it in errors.</summary>
    public static SanitizationRules Parse(string json, string source) => SanitizationJson.Parse(json, source);

    /// <summary>The rule for a column, or null when there is none.</summary>
    public RuleKind? RuleFor(string table, string column) =>
        Tables.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var kind) ? kind : null;
}
