using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Machine;

namespace Pipeline.Proxy;

/// <summary>The edge proxy's row in <c>Doctor</c>, and its cell in each host's row: it only looks (<see cref="EdgeProxy.ProbeAsync"/>); a broken proxy is repaired by the next deploy.</summary>
public static class ProxyDoctorCheck
{
    const string Name = "Edge proxy";

    /// <summary>Probes the proxy described by <paramref name="options"/>; never throws for an absent engine or proxy.</summary>
    public static async Task<PrerequisiteCheck> RunAsync(ProxyOptions options, CancellationToken ct)
    {
        try
        {
            using var docker = await Engine.ConnectAsync(ct);
            var probe = await new EdgeProxy(docker, options, Serilog.Core.Logger.None).ProbeAsync(ct);
            return probe.Status switch
            {
                ProxyStatus.Answering => PrerequisiteCheck.Ok(Name, $"HAProxy {ProxyImage.HaproxyVersion}", probe.Detail),
                ProxyStatus.NotCreated => PrerequisiteCheck.Ok(Name, null, probe.Detail),
                _ => new PrerequisiteCheck(Name, null, CheckStatus.Warning, false, probe.Fix, probe.Detail),
            };
        }
        catch (Exception e) when (e is EngineUnavailableException or ProxyException or RuntimeApiException)
        {
            return new PrerequisiteCheck(Name, null, CheckStatus.Warning, false, "See the Docker engine row; the next deploy starts or repairs the proxy", e.Message);
        }
    }

    /// <summary>
    /// Probes the proxy on <paramref name="connection"/>'s host, its runtime API reached through an SSH forward on a server. Not created yet is fine
    /// (the first deploy creates it); stopped or not answering is a warning, because the next deploy repairs it.
    /// </summary>
    public static async Task<HostCell> OnHostAsync(HostConnection connection, ProxyOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        await using var api = await connection.ForwardAsync("127.0.0.1", options.ApiPort, ct);
        ProxyProbe probe;
        try
        {
            probe = await new EdgeProxy(connection.Client, options with { ApiReachPort = api.Port }, Serilog.Core.Logger.None).ProbeAsync(ct);
        }
        catch (Exception e) when (e is ProxyException or RuntimeApiException)
        {
            return HostCell.Warning("not answering", $"Deploy again: the next deploy repairs it, or remove it ('docker rm -f {options.ContainerName}' on {connection.Host})", e.Message);
        }
        return probe.Status switch
        {
            ProxyStatus.Answering => HostCell.Ok(probe.Routes.Count == 0 ? "answering" : $"answering, {probe.Routes.Count} route(s)", probe.Detail),
            ProxyStatus.NotCreated => HostCell.Ok("not created yet", probe.Detail),
            _ => HostCell.Warning(probe.Status == ProxyStatus.Stopped ? "stopped" : "not answering", probe.Fix ?? "Deploy again: the next deploy repairs it", probe.Detail),
        };
    }
}
