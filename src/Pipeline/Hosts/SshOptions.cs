namespace Pipeline.Hosts;

/// <summary>How the pipeline runs the system <c>ssh</c>: the user's own configuration, plus an optional config file.</summary>
/// <param name="ConfigFile">An ssh config file passed with <c>-F</c> (tests pass their servers' file); null keeps the user's <c>~/.ssh/config</c>.</param>
public sealed record SshOptions(string? ConfigFile = null)
{
    /// <summary>The user's own ssh set-up: <c>~/.ssh/config</c>, agent and known_hosts.</summary>
    public static SshOptions Default { get; } = new();
}
