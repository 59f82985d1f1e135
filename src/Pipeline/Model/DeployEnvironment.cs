namespace Pipeline.Model;

/// <summary>
/// A deployment environment as a typed value: its name (which names <c>compose.&lt;name&gt;.yaml</c>, labels, locks and backups),
/// what it is for, and its hosts. Compare environments and their kinds, never their names with a literal.
/// </summary>
/// <param name="Name">The name, lowercase: <c>staging</c>, <c>production</c>, <c>development</c>.</param>
/// <param name="Kind">What it is for.</param>
public sealed record DeployEnvironment(string Name, EnvironmentKind Kind)
{
    /// <summary>Staging: where promotions are tested first.</summary>
    public static DeployEnvironment Staging { get; } = new("staging", EnvironmentKind.Staging);

    /// <summary>Production.</summary>
    public static DeployEnvironment Production { get; } = new("production", EnvironmentKind.Production);

    /// <summary>An environment that is neither staging nor production, such as <c>development</c>.</summary>
    public static DeployEnvironment Other(string name) => new(name, EnvironmentKind.Other);

    /// <summary>The environment called <paramref name="name"/>: staging and production by their kind, any other as <see cref="EnvironmentKind.Other"/>.</summary>
    public static DeployEnvironment Named(string name) =>
        name == Staging.Name ? Staging : name == Production.Name ? Production : Other(name);

    /// <summary>True for production.</summary>
    public bool IsProduction => Kind == EnvironmentKind.Production;

    /// <summary>The hosts it runs on (for now the pipeline's own engine).</summary>
    public IReadOnlyList<Host> Hosts { get; init; } = [Host.Local];

    /// <summary>The command that deploys it: <c>PromoteToProduction</c> for production, else <c>DeployStaging</c>.</summary>
    public Command DeployCommand => IsProduction ? Commands.PromoteToProduction : Commands.DeployStaging;

    /// <summary>The command that checks its health.</summary>
    public Command HealthCommand => Commands.HealthCheck.With(Commands.Flags.Environment, Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
