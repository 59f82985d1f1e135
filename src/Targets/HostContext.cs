using System.Collections;

namespace Targets;

/// <summary>What the host reads from and writes to: the console, the environment, the working directory.</summary>
public sealed record HostContext(TextWriter Out, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    /// <summary>True when the output is an interactive terminal.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The terminal's width in columns, 0 when unknown (then <c>COLUMNS</c> or 80).</summary>
    public int Width { get; init; }

    /// <summary>True to turn Ctrl-C and SIGTERM into cancellation of the run.</summary>
    public bool HandleSignals { get; init; }

    /// <summary>The real process: its console, environment and working directory.</summary>
    public static HostContext FromProcess() =>
        new(Console.Out, ReadEnvironment(), Directory.GetCurrentDirectory())
        {
            IsTerminal = !Console.IsOutputRedirected,
            Width = Console.IsOutputRedirected ? 0 : Console.WindowWidth,
            HandleSignals = true,
        };

    static Dictionary<string, string> ReadEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
