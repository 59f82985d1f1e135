using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Targets;

/// <summary>Converts raw parameter values to the member's type, with errors that name the parameter and what it accepts.</summary>
internal static partial class ValueConverter
{
    /// <summary>Converts <paramref name="values"/> (empty for a bare flag) to <paramref name="type"/>.</summary>
    public static object? Convert(Type type, IReadOnlyList<string> values, string parameter)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
        {
            var element = underlying.GetElementType()!;
            var items = values.SelectMany(v => v.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var array = Array.CreateInstance(element, items.Length);
            for (var i = 0; i < items.Length; i++)
                array.SetValue(ConvertOne(element, items[i], parameter), i);
            return array;
        }
        if (underlying == typeof(bool) && values.Count == 0)
            return true;
        if (values.Count != 1)
            throw new BuildException($"Parameter --{parameter} takes one value but got {values.Count}: '{string.Join(" ", values)}'.");
        return ConvertOne(underlying, values[0], parameter);
    }

    /// <summary>The allowed values of an enum or <see cref="Enumeration"/> type, else empty.</summary>
    public static IReadOnlyList<string> AllowedValues(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        t = t.IsArray ? t.GetElementType()! : t;
        if (t.IsEnum)
            return Enum.GetNames(t);
        if (typeof(Enumeration).IsAssignableFrom(t))
            return EnumerationValues(t).Select(e => e.Value).ToList();
        return [];
    }

    static object ConvertOne(Type type, string raw, string parameter)
    {
        var value = raw.Trim();
        object? result = type switch
        {
            _ when type == typeof(string) => raw,
            _ when type == typeof(bool) => ParseBool(value),
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type == typeof(TimeSpan) => ParseDuration(value),
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => Names.Normalize(n) == Names.Normalize(value)) is { } n ? Enum.Parse(type, n) : null,
            _ when typeof(Enumeration).IsAssignableFrom(type) => EnumerationValues(type).FirstOrDefault(e => Names.Normalize(e.Value) == Names.Normalize(value)),
            _ when type == typeof(AbsolutePath) => (AbsolutePath)Path.GetFullPath(value),
            _ => throw new BuildException($"Parameter --{parameter} has type {type.Name}, which the build host cannot convert. Use string, bool, int, TimeSpan, an enum or string[]."),
        };
        return result ?? throw new BuildException($"Parameter --{parameter}: '{raw}' is not {Expected(type)}.");
    }

    static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "a boolean; use true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(TimeSpan) => "a duration; use e.g. 90s, 5m, 1h, 500ms or 00:01:30",
        _ => $"one of: {string.Join(", ", AllowedValues(type))}",
    };

    static bool? ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };

    static TimeSpan? ParseDuration(string value)
    {
        var match = DurationPattern().Match(value);
        if (match.Success)
        {
            var n = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "" or "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => null,
            };
        }
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    static IEnumerable<Enumeration> EnumerationValues(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => type.IsAssignableFrom(f.FieldType))
            .Select(f => (Enumeration)f.GetValue(null)!);

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$")]
    private static partial Regex DurationPattern();
}
