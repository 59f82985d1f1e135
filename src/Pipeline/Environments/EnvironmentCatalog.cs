using System.Globalization;
using Pipeline.Model;

namespace Pipeline.Environments;

/// <summary>
/// The environments the pipeline knows: staging and production on the pipeline's own engine (8081, 8080) unless
/// <c>deploy/environments.json</c> defines them, plus any other environment it defines. Read once at the edge, then passed as a value.
/// </summary>
public sealed partial class EnvironmentCatalog
{
    /// <summary>The file's name in <c>deploy/</c>.</summary>
    public const string FileName = "environments.json";

    EnvironmentCatalog(string? source, IReadOnlyList<EnvironmentDefinition> definitions, IReadOnlyList<string> notes) =>
        (Source, Definitions, Notes) = (source, definitions, notes);

    /// <summary>Staging and production on the pipeline's own engine, on 8081 and 8080: what holds without a file.</summary>
    public static EnvironmentCatalog Defaults { get; } = new(null, [Default(DeployEnvironment.Staging), Default(DeployEnvironment.Production)], []);

    /// <summary>The file the environments were read from; null for <see cref="Defaults"/>.</summary>
    public string? Source { get; }

    /// <summary>Every environment, staging and production first.</summary>
    public IReadOnlyList<EnvironmentDefinition> Definitions { get; }

    /// <summary>What explicit parameters changed, one line each, for the log.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The environments' names, staging and production first.</summary>
    public IReadOnlyList<string> Names => [.. Definitions.Select(d => d.Name)];

    /// <summary>The catalog of <c>&lt;deployDirectory&gt;/environments.json</c>, or <see cref="Defaults"/> when there is no such file.</summary>
    public static EnvironmentCatalog Load(string deployDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(deployDirectory, FileName));
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : Defaults;
    }

    /// <summary>The definition of the environment called <paramref name="name"/>; an error listing the defined names otherwise.</summary>
    public EnvironmentDefinition Find(string? name) =>
        Definitions.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new EnvironmentCatalogException(
            $"--environment '{name}' is not defined: use one of {string.Join(", ", Names)}"
            + (Source is null ? $", or define it in deploy/{FileName}." : $" ({Source}), or add it there."));

    /// <summary>The definition of <paramref name="environment"/> (by name).</summary>
    public EnvironmentDefinition this[DeployEnvironment environment] => Find((environment ?? throw new ArgumentNullException(nameof(environment))).Name);

    /// <summary>
    /// This catalog with <paramref name="environment"/> on <paramref name="port"/>, given by <paramref name="parameter"/> (such as <c>--staging-port</c>):
    /// an explicit parameter wins over the file, and <see cref="Notes"/> says so. Throws when the port is out of range or taken on one of its hosts.
    /// </summary>
    public EnvironmentCatalog WithPort(DeployEnvironment environment, int port, string parameter)
    {
        var current = this[environment];
        if (port is < 1 or > 65535)
            throw new EnvironmentCatalogException($"{parameter} {port} is out of range: use 1-65535.");
        if (port == current.Environment.Port)
            return this;
        var changed = current with { Environment = current.Environment with { Port = port }, Origin = parameter };
        var definitions = Definitions.Select(d => d == current ? changed : d).ToList();
        foreach (var (later, earlier, host) in SharedPorts(definitions).Where(c => c.Later == changed || c.Earlier == changed))
            throw new EnvironmentCatalogException($"{parameter} {port}: {Clash((changed, later == changed ? earlier : later, host))}.");
        var note = string.Create(CultureInfo.InvariantCulture, $"{parameter} {port} wins over port {current.Environment.Port} of {current.Name} ({current.Origin})");
        return new(Source, definitions, [.. Notes, note]);
    }

    static EnvironmentDefinition Default(DeployEnvironment environment) => new(environment, null, "default");

    /// <summary>Pairs of environments whose proxies would publish the same port on the same machine: (the later one, the earlier one, the host).</summary>
    static IEnumerable<(EnvironmentDefinition Later, EnvironmentDefinition Earlier, Host Host)> SharedPorts(IReadOnlyList<EnvironmentDefinition> definitions) =>
        definitions.SelectMany((later, i) => definitions.Take(i)
            .Where(earlier => earlier.Environment.Port == later.Environment.Port)
            .SelectMany(earlier => later.Environment.Hosts.Where(h => earlier.Environment.Hosts.Any(e => SameMachine(e, h))).Select(h => (later, earlier, h))));

    static string Clash((EnvironmentDefinition Later, EnvironmentDefinition Earlier, Host Host) clash) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{clash.Later.Name} and {clash.Earlier.Name} ({clash.Earlier.Origin}) both use port {clash.Later.Environment.Port} on {clash.Host}: give each environment on a host its own port");

    /// <summary>True when both hosts reach the same engine: the same server and ssh port (whatever the user), the same socket, or both local.</summary>
    static bool SameMachine(Host a, Host b) => Key(a) == Key(b);

    static string Key(Host host) => host.Kind switch
    {
        HostKind.Ssh => $"ssh://{host.Endpoint!.Host.ToLowerInvariant()}:{host.SshPort}",
        _ => host.Endpoint?.ToString() ?? host.Name,
    };
}
