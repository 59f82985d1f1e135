namespace Pipeline.Machine;

/// <summary>The exact commands a user runs to fix what <see cref="Doctor"/> found missing.</summary>
internal static class Fixes
{
    /// <summary>The one command that fixes everything Setup can fix.</summary>
    public static readonly string Setup = $"{Commands.Setup} (as root on Debian/Ubuntu)";

    /// <summary>Setup, or the apt-get line for one package.</summary>
    public static string SetupOrApt(string package) => $"{Setup}, or: apt-get install -y {package}";

    /// <summary>The shell line that starts dockerd detached, listening at <paramref name="endpoint"/>.</summary>
    public static string StartEngine(string endpoint) =>
        $"setsid nohup dockerd{HostArgument(endpoint)} >>/var/log/dockerd.log 2>&1 </dev/null &";

    /// <summary>The shell line that starts the distribution registry detached with <paramref name="configFile"/>, logging to <paramref name="logFile"/>.</summary>
    public static string StartRegistry(string configFile, string logFile) =>
        $"setsid nohup docker-registry serve {Quote(configFile)} >>{Quote(logFile)} 2>&1 </dev/null &";

    /// <summary>A path or word as a POSIX shell reads it: unchanged when safe, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._:-=+@%,".Contains(c))
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>The <c>-H</c> argument dockerd needs to listen at <paramref name="endpoint"/>; empty for the default socket.</summary>
    public static string HostArgument(string endpoint) => endpoint == MachineOptions.DefaultDockerHost ? "" : $" -H {endpoint}";

    /// <summary>True for a unix socket endpoint: the only kind set-up can start an engine behind.</summary>
    public static bool IsLocalSocket(string endpoint) => endpoint.StartsWith("unix://", StringComparison.Ordinal);
}
