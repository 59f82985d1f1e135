using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Proxy;

/// <summary>Checks, before a switch, that the target container runs and has the given address on the proxy's network.</summary>
internal static class UpstreamCheck
{
    public static async Task VerifyAsync(DockerClient docker, Upstream target, string network, CancellationToken ct)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await docker.Containers.InspectContainerAsync(target.Container, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            throw new ProxyException($"Cannot switch to container {target.Container}: it does not exist. Start it on network {network} first.");
        }
        if (inspect.State?.Running != true)
            throw new ProxyException($"Cannot switch to container {target.Container}: it is {inspect.State?.Status}, not running. Start it first (docker start {target.Container}).");
        if (inspect.NetworkSettings?.Networks?.TryGetValue(network, out var endpoint) != true || endpoint is null)
            throw new ProxyException($"Cannot switch to container {target.Container}: it is not on the proxy's network {network}, so the proxy cannot reach it. Attach it: docker network connect {network} {target.Container}.");
        if (endpoint.IPAddress != target.Address.ToString())
            throw new ProxyException($"Cannot switch to container {target.Container} at {target.Address}: its address on {network} is {endpoint.IPAddress}. Read the address again after starting it.");
    }
}
