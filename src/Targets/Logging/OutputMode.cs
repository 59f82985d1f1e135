namespace Targets;

/// <summary>How the console is written to.</summary>
public enum OutputMode
{
    /// <summary>An interactive terminal: colors, target headers, a summary table.</summary>
    Terminal,

    /// <summary>Redirected output: plain lines without colors.</summary>
    Plain,

    /// <summary>GitHub Actions: <c>::group::</c> per target, <c>::error::</c> for errors.</summary>
    GitHubActions,

    /// <summary><c>LOG_FORMAT=json</c>: one compact JSON object per line.</summary>
    Json,
}

/// <summary>Chooses the output mode from the environment.</summary>
public static class OutputModes
{
    /// <summary>JSON when LOG_FORMAT=json, GitHub when GITHUB_ACTIONS=true, terminal when interactive and colors are welcome (no NO_COLOR, TERM not dumb), else plain.</summary>
    public static OutputMode Detect(IReadOnlyDictionary<string, string> environment, bool isTerminal) =>
        environment.GetValueOrDefault("LOG_FORMAT")?.Equals("json", StringComparison.OrdinalIgnoreCase) == true ? OutputMode.Json
        : environment.GetValueOrDefault("GITHUB_ACTIONS")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true ? OutputMode.GitHubActions
        : isTerminal && environment.GetValueOrDefault("TERM") != "dumb" && string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR")) ? OutputMode.Terminal
        : OutputMode.Plain;
}
