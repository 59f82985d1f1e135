using Pipeline.Model;
using Pipeline.Output;

namespace Pipeline.Machine;

/// <summary>What <see cref="HostDoctor"/> found: one row per host of <paramref name="Environment"/>.</summary>
/// <param name="Environment">The environment checked.</param>
/// <param name="Rows">One row per host, in the order the environment lists them.</param>
public sealed record HostDoctorReport(DeployEnvironment Environment, IReadOnlyList<HostRow> Rows)
{
    /// <summary>The hosts with a failed cell: a deploy to the environment would fail on them.</summary>
    public IReadOnlyList<Host> FailedHosts => [.. Rows.Where(r => r.Failed).Select(r => r.Host)];

    /// <summary>The command that checks the environment again.</summary>
    public Command Command => Commands.Doctor.With(Commands.Flags.Environment, Environment.Name);

    /// <summary>
    /// Writes the table (Host | SSH | Engine | Disk | Proxy | Registry), then each cell that is not fine with its fix and why, a note on Compose,
    /// and a one-line verdict.
    /// </summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine();
        writer.WriteLine($"Hosts of {Environment.Name}:");
        Tables.Write(writer, ["Host", .. HostRow.Columns], Rows.Select(r => (IReadOnlyList<string>)[r.Host.Name, .. r.Cells.Select(c => c.ToString())]));
        foreach (var row in Rows)
            foreach (var (column, cell) in HostRow.Columns.Zip(row.Cells).Where(c => c.Second.Fix is not null))
            {
                writer.WriteLine($"  {row.Host} {column}: {cell.Fix}");
                if (cell.Detail is not null)
                    writer.WriteLine($"    ({cell.Detail})");
            }
        writer.WriteLine("  Compose runs on this machine, pointed at each host's engine (DOCKER_HOST): the Compose row above covers every host.");
        writer.WriteLine(FailedHosts.Count == 0
            ? $"All {Rows.Count} host(s) of {Environment.Name} are ready."
            : $"{FailedHosts.Count} of {Rows.Count} host(s) of {Environment.Name} failed: {string.Join(", ", FailedHosts)}. Run the fixes above, then '{Command}' again.");
    }
}
