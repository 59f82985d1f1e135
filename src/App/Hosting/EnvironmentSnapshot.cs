using System.Collections;

namespace App.Hosting;

/// <summary>The process environment as a plain dictionary, so that decisions taking it can be tested.</summary>
public static class EnvironmentSnapshot
{
    /// <summary>The current process environment, names compared exactly as Linux does.</summary>
    public static IReadOnlyDictionary<string, string?> Current() =>
        Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    /// <summary>True when the variable is set to <c>true</c>, <c>1</c> or <c>yes</c> (any case).</summary>
    public static bool IsTruthy(this IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && value?.Trim().ToLowerInvariant() is "true" or "1" or "yes";

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public static string? Value(this IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
