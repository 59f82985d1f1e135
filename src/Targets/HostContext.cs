using System.Collections;

namespace Targets;

/// <summary>
/// What the host reads from and writes to: the console (its width in columns, 0 when unknown), the environment and the
/// working directory; <paramref name="HandleSignals"/> turns Ctrl-C and SIGTERM into cancellation of the run.
/// </summary>
internal sealed record HostContext(TextWriter Out, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory, bool IsTerminal = false, int Width = 0, bool HandleSignals = false)
{
    public static HostContext FromProcess() => new(
        Console.Out,
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""),
        Directory.GetCurrentDirectory(),
        IsTerminal: !Console.IsOutputRedirected,
        Width: Console.IsOutputRedirected ? 0 : Console.WindowWidth,
        HandleSignals: true);
}
