namespace Pipeline.Proxy;

/// <summary>What the proxy does with one route: the container it sends traffic to (null: none yet) and whether maintenance is on.</summary>
/// <param name="Route">The route.</param>
/// <param name="Target">The container traffic goes to; null when the route has no target yet (requests get 503).</param>
/// <param name="Maintenance">Set when every request is answered 503 with a message.</param>
public sealed record RouteState(ProxyRoute Route, Upstream? Target, Maintenance? Maintenance)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Route.Name} (port {Route.Port}{(Route.HostName is null ? "" : $", host {Route.HostName}")}) -> {Target?.ToString() ?? "no target"}{(Maintenance is null ? "" : ", maintenance on")}";
}
