using System.Text.RegularExpressions;

namespace Pipeline.Development;

/// <summary>The level of a development log line, as DevLogs colors it.</summary>
public enum DevLogLevel
{
    /// <summary>No level recognized: printed as is.</summary>
    None,

    /// <summary>Verbose and debug lines: dim.</summary>
    Debug,

    /// <summary>Information: plain.</summary>
    Information,

    /// <summary>dotnet watch's own lines (file changed, hot reload applied, restart): cyan.</summary>
    Watch,

    /// <summary>Warnings, including compiler warnings: yellow.</summary>
    Warning,

    /// <summary>Errors and fatal lines, including compiler errors: red.</summary>
    Error,
}

/// <summary>Reads the level of a line the development container writes (the app's <c>[HH:mm:ss LVL]</c> text, compact JSON, dotnet watch, the compiler) and colors it.</summary>
public static partial class LogLevels
{
    /// <summary>The level of <paramref name="line"/>.</summary>
    public static DevLogLevel Of(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (TextLevel().Match(line) is { Success: true } text)
            return FromName(text.Groups[1].Value);
        if (JsonLevel().Match(line) is { Success: true } json)
            return FromName(json.Groups[1].Value);
        if (line.StartsWith('{') && line.Contains("\"@t\"", StringComparison.Ordinal))
            return DevLogLevel.Information;
        if (CompilerError().IsMatch(line) || line.Contains("Build FAILED", StringComparison.Ordinal))
            return DevLogLevel.Error;
        if (CompilerWarning().IsMatch(line))
            return DevLogLevel.Warning;
        return line.StartsWith("dotnet watch", StringComparison.Ordinal) ? DevLogLevel.Watch : DevLogLevel.None;
    }

    /// <summary><paramref name="line"/> wrapped in the ANSI color of its level (unchanged for plain levels).</summary>
    public static string Colorize(string line) => Of(line) switch
    {
        DevLogLevel.Debug => $"\e[90m{line}\e[0m",
        DevLogLevel.Watch => $"\e[36m{line}\e[0m",
        DevLogLevel.Warning => $"\e[33m{line}\e[0m",
        DevLogLevel.Error => $"\e[31m{line}\e[0m",
        _ => line,
    };

    private static DevLogLevel FromName(string name) => name.ToUpperInvariant() switch
    {
        "VRB" or "DBG" or "VERBOSE" or "DEBUG" or "TRACE" => DevLogLevel.Debug,
        "WRN" or "WARNING" => DevLogLevel.Warning,
        "ERR" or "FTL" or "ERROR" or "FATAL" or "CRITICAL" => DevLogLevel.Error,
        _ => DevLogLevel.Information,
    };

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d ([A-Z]{3})\]")]
    private static partial Regex TextLevel();

    [GeneratedRegex(@"^\{.*""@l"":""(\w+)""")]
    private static partial Regex JsonLevel();

    [GeneratedRegex(@"(\berror [A-Z]+\d+:|dotnet watch.*\b(error|failed|crashed)\b|\bexited with error\b)", RegexOptions.IgnoreCase)]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"\bwarning [A-Z]+\d+:", RegexOptions.IgnoreCase)]
    private static partial Regex CompilerWarning();
}
