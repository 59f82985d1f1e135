using System.Globalization;
using Pipeline.Model;
using Pipeline.Tools;

namespace Pipeline.Hosts;

/// <summary>
/// Where ssh really connects for a host once the user's ssh config applied (<c>ssh -G</c>: its <c>HostName</c> and <c>Port</c>), which may
/// differ from the address written in the environments file (an alias, a port set in <c>~/.ssh/config</c>). For messages only.
/// </summary>
/// <param name="HostName">The name or address ssh connects to.</param>
/// <param name="Port">The port ssh connects to.</param>
internal sealed record SshEndpoint(string HostName, int Port)
{
    /// <summary>What <c>ssh -G</c> says for <paramref name="host"/>; the address as written when ssh cannot say.</summary>
    public static async Task<SshEndpoint> ResolveAsync(Host host, SshOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var result = await new ExternalTool("ssh").RunAsync([.. SshMaster.Configured(host, options), "-G", host.SshDestination], cancellationToken);
        var settings = result.Succeeded
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ', 2)).Where(pair => pair.Length == 2).GroupBy(pair => pair[0], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal)
            : [];
        return new(settings.GetValueOrDefault("hostname") ?? host.Endpoint!.Host,
            int.TryParse(settings.GetValueOrDefault("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : host.SshPort);
    }

    /// <summary>How known_hosts names it: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    public string KnownHostsName => Port == 22 ? HostName : string.Create(CultureInfo.InvariantCulture, $"[{HostName}]:{Port}");
}
