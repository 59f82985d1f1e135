using Pipeline.Output;

namespace Pipeline.Environments;

/// <summary>What runs in an environment: every container of its Compose project, ordered by service and name.</summary>
/// <param name="Environment">The environment name.</param>
/// <param name="Project">The Compose project.</param>
/// <param name="Containers">Its containers, running or not.</param>
public sealed record EnvironmentStatus(string Environment, string Project, IReadOnlyList<ContainerStatus> Containers)
{
    private static readonly string[] Headers = ["Service", "Container", "State", "Health", "Restarts", "Version", "Revision", "Digest", "Ports", "Started"];

    /// <summary>True when no container of the project exists: nothing is deployed.</summary>
    public bool IsEmpty => Containers.Count == 0;

    /// <summary>Writes a table, one row per container, or one line saying nothing is deployed; <paramref name="layout"/> null fits this process's output.</summary>
    public void Write(TextWriter writer, TableLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsEmpty)
        {
            writer.WriteLine($"Nothing is deployed in {Environment} (Compose project {Project}).");
            return;
        }
        writer.WriteLine($"{Environment} (Compose project {Project}):");
        Tables.Write(writer, Headers, Containers.Select(c => (IReadOnlyList<string>)
        [
            c.Service, c.Name, c.State, c.Health, c.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.Version ?? "-", Tables.Short(c.Revision, 12), Tables.Short(c.Digest, 19),
            c.Ports.Count == 0 ? "-" : string.Join(",", c.Ports), Tables.Time(c.StartedAt),
        ]), new TableOptions { Layout = layout });
    }
}
