namespace Targets;

/// <summary>How the console is written to: colours and headers, plain lines, GitHub workflow commands, or JSON lines.</summary>
internal enum OutputMode
{
    Terminal,
    Plain,
    GitHubActions,
    Json,
}

internal static class OutputModes
{
    /// <summary>JSON when LOG_FORMAT=json, GitHub when GITHUB_ACTIONS=true, terminal when interactive and colors are welcome (no NO_COLOR, TERM not dumb), else plain.</summary>
    public static OutputMode Detect(IReadOnlyDictionary<string, string> environment, bool isTerminal) =>
        environment.GetValueOrDefault("LOG_FORMAT")?.Equals("json", StringComparison.OrdinalIgnoreCase) == true ? OutputMode.Json
        : environment.GetValueOrDefault("GITHUB_ACTIONS")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true ? OutputMode.GitHubActions
        : isTerminal && environment.GetValueOrDefault("TERM") != "dumb" && string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR")) ? OutputMode.Terminal
        : OutputMode.Plain;
}
