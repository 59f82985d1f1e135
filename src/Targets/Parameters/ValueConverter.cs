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
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray)
        {
            var items = values.SelectMany(v => v.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => ConvertOne(t.GetElementType()!, v, parameter)).ToArray();
            var array = Array.CreateInstance(t.GetElementType()!, items.Length);
            Array.Copy(items, array, items.Length);
            return array;
        }
        if (t == typeof(bool) && values.Count == 0)
            return true;
        return values.Count == 1 ? ConvertOne(t, values[0], parameter)
            : throw new BuildException($"Parameter --{parameter} takes one value but got {values.Count}: '{string.Join(" ", values)}'.");
    }

    /// <summary>The allowed values of an enum or <see cref="Enumeration"/> type, else empty.</summary>
    public static IReadOnlyList<string> AllowedValues(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return [.. Choices(t.IsArray ? t.GetElementType()! : t).Select(c => c.ToString()!)];
    }

    static IEnumerable<object> Choices(Type type) =>
        type.IsEnum ? Enum.GetValues(type).Cast<object>()
        : typeof(Enumeration).IsAssignableFrom(type) ? type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => type.IsAssignableFrom(f.FieldType)).Select(f => f.GetValue(null)!)
        : [];

    static object ConvertOne(Type type, string raw, string parameter)
    {
        var value = raw.Trim();
        var result = type switch
        {
            _ when type == typeof(string) => raw,
            _ when type == typeof(bool) => value.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" or "1" => true,
                "false" or "no" or "off" or "0" => false,
                _ => null,
            },
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) => Number(type, value),
            _ when type == typeof(TimeSpan) => Duration(value),
            _ when type == typeof(AbsolutePath) => (AbsolutePath)Path.GetFullPath(value),
            _ when type.IsEnum || typeof(Enumeration).IsAssignableFrom(type) => Choices(type).FirstOrDefault(c => Names.Normalize(c.ToString()!) == Names.Normalize(value)),
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

    static object? Number(Type type, string value)
    {
        try
        {
            return System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }

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
