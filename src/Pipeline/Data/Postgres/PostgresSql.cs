namespace Pipeline.Data.Postgres;

/// <summary>Quoting for SQL the pipeline writes into psql scripts.</summary>
internal static class PostgresSql
{
    /// <summary>A quoted identifier: <c>"name"</c>, inner quotes doubled.</summary>
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A quoted literal: <c>'text'</c>, inner quotes doubled (standard_conforming_strings is on since 9.1).</summary>
    public static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
