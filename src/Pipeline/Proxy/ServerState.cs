using System.Net;

namespace Pipeline.Proxy;

/// <summary>One backend's <c>live</c> slot as the runtime API reports it (<c>show servers state &lt;backend&gt;</c>).</summary>
/// <param name="Address">The address requests go to now.</param>
/// <param name="Port">The port requests go to now.</param>
/// <param name="Enabled">False when the slot is in maintenance (the route has no target yet).</param>
public sealed record ServerState(IPAddress Address, int Port, bool Enabled)
{
    const int MaintenanceFlags = 0x01 | 0x02 | 0x20 | 0x40; // forced, inherited, resolution and hostname maintenance; 0x04 only records "disabled" in the file

    /// <summary>Reads the <c>live</c> row of a <c>show servers state</c> reply; throws <see cref="ProxyException"/> when it is missing.</summary>
    public static ServerState Parse(string backend, string reply)
    {
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# be_id", StringComparison.Ordinal))?[2..].Split(' ')
            ?? throw new ProxyException($"The proxy's 'show servers state {backend}' reply has no header: {reply}");
        var row = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')).FirstOrDefault(f => f.Length == header.Length && f[Array.IndexOf(header, "srv_name")] == HaproxyConfig.Slot)
            ?? throw new ProxyException($"Backend {backend} has no '{HaproxyConfig.Slot}' server; the proxy's configuration is not the pipeline's. Remove the container to let the deploy recreate it.");
        string Field(string name) => row[Array.IndexOf(header, name)];
        var admin = int.Parse(Field("srv_admin_state"), System.Globalization.CultureInfo.InvariantCulture);
        return new ServerState(IPAddress.Parse(Field("srv_addr")), int.Parse(Field("srv_port"), System.Globalization.CultureInfo.InvariantCulture), (admin & MaintenanceFlags) == 0);
    }
}
