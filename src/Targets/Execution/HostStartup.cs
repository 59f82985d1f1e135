using Serilog.Events;

namespace Targets;

/// <summary>What the host settles before anything else: root, verbosity, width, log file name, CI.</summary>
internal static class HostStartup
{
    /// <summary>The folder holding <c>.nuke/</c>: <c>--root</c> when it has one, else the nearest above the working directory; null when none.</summary>
    public static AbsolutePath? FindRoot(Arguments arguments, HostContext context)
    {
        if (arguments.Find("root") is { } option)
        {
            var given = Path.GetFullPath(option.Values.FirstOrDefault() ?? ".nuke-missing", context.WorkingDirectory);
            return Directory.Exists(Path.Combine(given, ".nuke")) ? (AbsolutePath)given : null;
        }
        foreach (var start in new[] { context.WorkingDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                    return dir.FullName;
            }
        }
        return null;
    }

    public static Verbosity? ParseVerbosity(Arguments arguments)
    {
        var value = arguments.Find("verbosity")?.Values.FirstOrDefault();
        if (arguments.Has("verbosity") && value is null)
            return null;
        return value is null ? Verbosity.Normal
            : Enum.GetValues<Verbosity>().Cast<Verbosity?>().FirstOrDefault(v => Names.Normalize(v.ToString()!) == Names.Normalize(value));
    }

    /// <summary>The columns to fit: <c>COLUMNS</c>, else the terminal's width, else 80; never fewer than 80.</summary>
    public static int Width(HostContext context) =>
        Math.Max(80, int.TryParse(context.Environment.GetValueOrDefault("COLUMNS"), out var columns) && columns > 0 ? columns : context.Width);

    public static LogEventLevel Level(Verbosity verbosity) => verbosity switch
    {
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Verbose => LogEventLevel.Verbose,
        _ => LogEventLevel.Information,
    };

    public static string LogName<T>(Arguments arguments, string[] defaults)
    {
        if (arguments.Has("help"))
            return "help";
        var names = typeof(T).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(Target)).Select(p => p.Name).ToList();
        var first = arguments.Targets.FirstOrDefault() ?? defaults.FirstOrDefault() ?? "build";
        return names.FirstOrDefault(n => Names.Normalize(n) == Names.Normalize(first)) ?? "build";
    }

    public static bool IsTrue(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var v) && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");
}
