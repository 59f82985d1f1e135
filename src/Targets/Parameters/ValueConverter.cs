using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Targets;

/// <summary>
/// The types a parameter may have (string, bool, int, TimeSpan, enums, <see cref="Enumeration"/>s, arrays of them): how a raw
/// value converts, with errors that name the parameter and what it accepts, and how help and the schema show the type.
/// Types come without <see cref="Nullable{T}"/> (<see cref="ParameterMember.Type"/>).
/// </summary>
internal static partial class ValueConverter
{
    /// <summary>A scalar type: its parser (null when the text is no such value), its help placeholder, its JSON schema type, what it accepts.</summary>
    sealed record Scalar(Func<string, object?> Parse, string Placeholder, string SchemaType, string Expected);

    static readonly Dictionary<Type, Scalar> Scalars = new()
    {
        [typeof(string)] = new(raw => raw, "<value>", "string", "a string"),
        [typeof(bool)] = new(raw => raw.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => null,
        }, "", "boolean", "a boolean; use true or false"),
        [typeof(int)] = new(raw => int.TryParse(raw, CultureInfo.InvariantCulture, out var i) ? i : null, "<number>", "integer", "a whole number"),
        [typeof(TimeSpan)] = new(raw => Duration(raw.Trim()), "<duration>", "string", "a duration; use e.g. 90s, 5m, 1h, 500ms or 00:01:30"),
    };

    /// <summary>The value of parameter <c>--<paramref name="parameter"/></c>; a usage error saying where the bad value came from (<paramref name="source"/>) otherwise.</summary>
    public static object? Convert(Type type, IReadOnlyList<string> values, string parameter, string source)
    {
        if (type.IsArray)
        {
            var items = values.SelectMany(v => v.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => ConvertOne(type.GetElementType()!, v, parameter, source)).ToArray();
            var array = Array.CreateInstance(type.GetElementType()!, items.Length);
            items.CopyTo(array, 0);
            return array;
        }
        if (type == typeof(bool) && values.Count == 0)
            return true;
        return values.Count == 1 ? ConvertOne(type, values[0], parameter, source)
            : throw Invalid($"Parameter --{parameter} takes one value but got {values.Count}: '{string.Join(" ", values)}'.", source);
    }

    /// <summary>The values an enum or <see cref="Enumeration"/> (or an array of one) allows; empty for other types.</summary>
    public static IReadOnlyList<string> AllowedValues(Type type) => [.. Choices(type.IsArray ? type.GetElementType()! : type).Select(c => c.ToString()!)];

    /// <summary>How help shows the value: <c>&lt;a|b&gt;</c> for choices, <c>&lt;values...&gt;</c> for an array, nothing for a flag.</summary>
    public static string Placeholder(Type type) =>
        AllowedValues(type) is { Count: > 0 } allowed ? $"<{string.Join("|", allowed)}>"
        : type.IsArray ? "<values...>"
        : Scalars.GetValueOrDefault(type)?.Placeholder ?? "<value>";

    /// <summary>The JSON schema type of a scalar: boolean, integer or string.</summary>
    public static string SchemaType(Type type) => Scalars.GetValueOrDefault(type)?.SchemaType ?? "string";

    static IEnumerable<object> Choices(Type type) =>
        type.IsEnum ? Enum.GetValues(type).Cast<object>()
        : typeof(Enumeration).IsAssignableFrom(type) ? type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => type.IsAssignableFrom(f.FieldType)).Select(f => f.GetValue(null)!)
        : [];

    static object ConvertOne(Type type, string raw, string parameter, string source)
    {
        var scalar = Scalars.GetValueOrDefault(type);
        var result = scalar is not null ? scalar.Parse(raw)
            : type.IsEnum || typeof(Enumeration).IsAssignableFrom(type) ? Choices(type).FirstOrDefault(c => Names.Same(c.ToString()!, raw.Trim()))
            : throw Invalid($"Parameter --{parameter} has type {type.Name}, which the build host cannot convert. Use string, bool, int, TimeSpan, an enum or string[].", source);
        return result ?? throw Invalid($"Parameter --{parameter}: '{raw}' is not {scalar?.Expected ?? $"one of: {string.Join(", ", AllowedValues(type))}"}.", source);
    }

    static UsageException Invalid(string message, string source) => new($"{message} (from {source})");

    static TimeSpan? Duration(string value)
    {
        var match = DurationPattern().Match(value);
        if (!match.Success)
            return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;
        var n = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromSeconds(n),
        };
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$")]
    private static partial Regex DurationPattern();
}
