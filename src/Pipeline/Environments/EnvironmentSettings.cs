using System.Text.RegularExpressions;
using Pipeline.Model;

namespace Pipeline.Environments;

/// <summary>One environment: its name, its Compose project, the host port it is published on (127.0.0.1 only), the profile and the compose files' folder.</summary>
/// <param name="Environment">The environment; <c>compose.&lt;name&gt;.yaml</c> holds its settings.</param>
/// <param name="ProjectName">The Compose project, <c>&lt;image-name&gt;-&lt;environment&gt;</c>; lowercase letters, digits, '-' and '_'.</param>
/// <param name="HostPort">The port on 127.0.0.1 the service is published on.</param>
/// <param name="Profile">Laptop applies <c>compose.laptop.yaml</c> on top; Server does not.</param>
/// <param name="DeployDirectory">The folder holding <c>compose.yaml</c> and its overrides, usually <c>deploy/</c>.</param>
public sealed partial record EnvironmentSettings(DeployEnvironment Environment, string ProjectName, int HostPort, DeploymentProfile Profile, string DeployDirectory)
{
    /// <summary>The environment's name, such as <c>staging</c>.</summary>
    public string Name => Environment.Name;

    /// <summary>The data volume every release of the environment mounts: <c>&lt;project&gt;_data</c>, the name an in-place deployment used.</summary>
    public string DataVolume => $"{ProjectName}_data";

    /// <summary>The port the service listens on inside its container.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>Settings whose project is <c>&lt;imageName&gt;-&lt;name&gt;</c>.</summary>
    public static EnvironmentSettings For(DeployEnvironment environment, string imageName, int hostPort, DeploymentProfile profile, string deployDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new(environment, $"{imageName.Split('/')[^1]}-{environment.Name}".ToLowerInvariant(), hostPort, profile, deployDirectory);
    }

    /// <summary>
    /// The compose files in the order they are applied: the environment's (<c>compose.yaml</c> and <c>compose.&lt;name&gt;.yaml</c> unless
    /// <c>deploy/environments.json</c> names others), then <c>compose.laptop.yaml</c> (Laptop profile only).
    /// </summary>
    public IReadOnlyList<string> ComposeFiles =>
    [
        .. Environment.ComposeFiles.Select(f => Path.GetFullPath(Path.Combine(DeployDirectory, f))),
        .. Profile == DeploymentProfile.Laptop ? [Path.GetFullPath(Path.Combine(DeployDirectory, "compose.laptop.yaml"))] : Array.Empty<string>(),
    ];

    /// <summary>What to say when no container of the project exists.</summary>
    public string NothingDeployedMessage => $"nothing is deployed in {Name}: run {Environment.DeployCommand}";

    /// <summary>Throws an <see cref="EnvironmentException"/> naming what is wrong: a bad name, project or port, or a missing compose file.</summary>
    public void Check()
    {
        if (!NamePattern().IsMatch(Name))
            throw new EnvironmentException($"'{Name}' is not a valid environment name: use lowercase letters and digits, such as staging or production.");
        if (!NamePattern().IsMatch(ProjectName))
            throw new EnvironmentException($"'{ProjectName}' is not a valid Compose project name: use lowercase letters, digits, '-' and '_', starting with a letter or digit.");
        if (HostPort is < 1 or > 65535)
            throw new EnvironmentException($"{HostPort} is not a valid host port for {Name}: use 1-65535.");
        if (ComposeFiles.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            throw new EnvironmentException($"{missing} not found: {Name} needs {string.Join(", ", ComposeFiles.Select(Path.GetFileName))} in {Path.GetFullPath(DeployDirectory)}.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
