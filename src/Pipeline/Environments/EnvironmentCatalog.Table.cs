using System.Globalization;
using Pipeline.Output;

namespace Pipeline.Environments;

public sealed partial class EnvironmentCatalog
{
    static readonly string[] Headers = ["Environment", "Hosts", "Port", "Host name", "Profile", "Compose files", "From"];

    /// <summary>One row per environment: its hosts, port, host name, the profile it deploys with (<paramref name="requested"/> and <paramref name="dockerHost"/> as in <see cref="EnvironmentDefinition.ProfileFor"/>), compose files and origin.</summary>
    public void Write(TextWriter writer, DeploymentProfile? requested, string? dockerHost) =>
        Tables.Write(writer, Headers, Definitions.Select(d => (IReadOnlyList<string>)
        [
            d.Name,
            string.Join(", ", d.Environment.Hosts),
            d.Environment.Port.ToString(CultureInfo.InvariantCulture),
            d.Environment.HostName ?? "-",
            d.ProfileFor(requested, dockerHost).ToString().ToLowerInvariant(),
            string.Join(", ", d.Environment.ComposeFiles),
            d.Origin,
        ]));
}
