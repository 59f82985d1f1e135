using Pipeline.Model;

namespace Pipeline.Machine;

/// <summary>One host's row in <c>Doctor --environment</c>.</summary>
/// <param name="Host">The host.</param>
/// <param name="Ssh">SSH reachable and authenticated (ssh:// hosts only).</param>
/// <param name="Engine">The engine's version, through the Engine API over the connection.</param>
/// <param name="Disk">Free space on the engine's data root.</param>
/// <param name="Proxy">The edge proxy: running and answering its runtime API, or not created yet.</param>
/// <param name="Registry">The registry, reached from the host.</param>
public sealed record HostRow(Host Host, HostCell Ssh, HostCell Engine, HostCell Disk, HostCell Proxy, HostCell Registry)
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["SSH", "Engine", "Disk", "Proxy", "Registry"];

    /// <summary>The cells, in the order of <see cref="Columns"/>.</summary>
    public IReadOnlyList<HostCell> Cells => [Ssh, Engine, Disk, Proxy, Registry];

    /// <summary>True when any cell failed: a deploy to this host would fail.</summary>
    public bool Failed => Cells.Any(c => c.Status == CheckStatus.Missing);

    /// <summary>A row for a host that could not be used at all: <paramref name="ssh"/> or <paramref name="engine"/> says why; nothing else was checked.</summary>
    public static HostRow Unusable(Host host, HostCell ssh, HostCell engine) =>
        new(host, ssh, engine, HostCell.NotChecked(), HostCell.NotChecked(), HostCell.NotChecked());
}
