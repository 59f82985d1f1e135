namespace Pipeline.Delivery;

/// <summary>Who runs a deployment, for locks, audit entries and rollback points: a user name and the machine's host name.</summary>
/// <param name="User">The login name, or the GitHub actor on GitHub Actions.</param>
/// <param name="Machine">The host name the deployment runs on.</param>
public sealed record DeployUser(string User, string Machine)
{
    /// <summary>
    /// The current user: <c>GITHUB_ACTOR</c> on GitHub Actions, else <c>USER</c>, <c>LOGNAME</c> or the process's user name;
    /// the machine is this host's name.
    /// </summary>
    public static DeployUser Current() => From(System.Environment.GetEnvironmentVariable, System.Environment.MachineName);

    /// <summary><c>user@machine</c>.</summary>
    public override string ToString() => $"{User}@{Machine}";

    internal static DeployUser From(Func<string, string?> variable, string machine)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var onActions = string.Equals(variable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        var user = new[] { onActions ? variable("GITHUB_ACTOR") : null, variable("USER"), variable("LOGNAME"), System.Environment.UserName }
            .FirstOrDefault(name => !string.IsNullOrWhiteSpace(name))?.Trim();
        return new DeployUser(user ?? "unknown", string.IsNullOrWhiteSpace(machine) ? "unknown-host" : machine.Trim());
    }

    internal bool IsThisMachine(string machine) => string.Equals(machine, Machine, StringComparison.OrdinalIgnoreCase);
}
