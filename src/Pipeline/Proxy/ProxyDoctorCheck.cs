using Pipeline.Docker;
using Pipeline.Machine;

namespace Pipeline.Proxy;

/// <summary>The edge proxy's row in <c>Doctor</c>: it only looks (<see cref="EdgeProxy.ProbeAsync"/>); a broken proxy is repaired by the next deploy.</summary>
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
}
