namespace Pipeline.Model;

/// <summary>
/// A deployment environment as a typed value: its name (which names <c>compose.&lt;name&gt;.yaml</c>, labels, locks and backups),
/// what it is for, and where it runs: its hosts, the proxy's port on each, an optional host name and its compose files.
/// Two environments are the same when their names and kinds are. Compare environments and their kinds, never their names with a literal.
/// </summary>
/// <param name="Name">The name, lowercase: <c>staging</c>, <c>production</c>, <c>development</c>, or any name <c>deploy/environments.json</c> defines.</param>
/// <param name="Kind">What it is for.</param>
public sealed record DeployEnvironment(string Name, EnvironmentKind Kind)
{
    IReadOnlyList<string>? composeFiles;

    /// <summary>Staging as it is without <c>deploy/environments.json</c>: the local engine, port 8081.</summary>
    public static DeployEnvironment Staging { get; } = new("staging", EnvironmentKind.Staging) { Port = 8081 };

    /// <summary>Production as it is without <c>deploy/environments.json</c>: the local engine, port 8080.</summary>
    public static DeployEnvironment Production { get; } = new("production", EnvironmentKind.Production) { Port = 8080 };

    /// <summary>An environment that is neither staging nor production, such as <c>development</c>.</summary>
    public static DeployEnvironment Other(string name) => new(name, EnvironmentKind.Other);

    /// <summary>The environment called <paramref name="name"/>: staging and production by their kind, any other as <see cref="EnvironmentKind.Other"/>.</summary>
    public static DeployEnvironment Named(string name) =>
        name == Staging.Name ? Staging : name == Production.Name ? Production : Other(name);

    /// <summary>True for production.</summary>
    public bool IsProduction => Kind == EnvironmentKind.Production;

    /// <summary>The hosts it runs on; the pipeline's own engine unless <c>deploy/environments.json</c> says otherwise.</summary>
    public IReadOnlyList<Host> Hosts { get; init; } = [Host.Local];

    /// <summary>The edge proxy's published port on each host (0 when none is set, as for the development environment).</summary>
    public int Port { get; init; }

    /// <summary>The address the proxy publishes <see cref="Port"/> on, on each host: <see cref="LoopbackOnly"/> unless <c>deploy/environments.json</c> says otherwise.</summary>
    public string Publish { get; init; } = LoopbackOnly;

    /// <summary>127.0.0.1: the port answers on the host itself only (reached through SSH from elsewhere).</summary>
    public const string LoopbackOnly = "127.0.0.1";

    /// <summary>When set, the proxy gives this environment only the requests whose <c>Host</c> header names it.</summary>
    public string? HostName { get; init; }

    /// <summary>Its compose files, relative to <c>deploy/</c>, in the order they apply: <c>compose.yaml</c> and <c>compose.&lt;name&gt;.yaml</c> unless set.</summary>
    public IReadOnlyList<string> ComposeFiles
    {
        get => composeFiles ?? ["compose.yaml", $"compose.{Name}.yaml"];
        init => composeFiles = value;
    }

    /// <summary>The command that deploys it: <c>PromoteToProduction</c> for production, else <c>DeployStaging</c>.</summary>
    public Command DeployCommand => IsProduction ? Commands.PromoteToProduction : Commands.DeployStaging;

    /// <summary>The command that checks its health.</summary>
    public Command HealthCommand => Commands.HealthCheck.With(Commands.Flags.Environment, Name);

    /// <summary>True when <paramref name="other"/> has the same name and kind.</summary>
    public bool Equals(DeployEnvironment? other) => other is not null && other.Name == Name && other.Kind == Kind;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Kind);

    /// <inheritdoc />
    public override string ToString() => Name;
}
