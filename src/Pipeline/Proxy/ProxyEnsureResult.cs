namespace Pipeline.Proxy;

/// <summary>What <see cref="EdgeProxy.EnsureAsync"/> did.</summary>
/// <param name="Action">Created, repaired, recreated for new ports, reloaded for new routes, or nothing.</param>
/// <param name="Routes">Every route the proxy now serves, with its target and maintenance state.</param>
/// <param name="Reason">Why it acted (for example "it was not answering its runtime API"); null when it did nothing.</param>
public sealed record ProxyEnsureResult(ProxyAction Action, IReadOnlyList<RouteState> Routes, string? Reason);

/// <summary>What <see cref="EdgeProxy.EnsureAsync"/> did to the proxy container.</summary>
public enum ProxyAction
{
    /// <summary>It was running, answering and had every route.</summary>
    Unchanged,

    /// <summary>It did not exist, and nothing was recorded: it was created.</summary>
    Created,

    /// <summary>It was missing, stopped, from an old recipe or not answering: it was recreated from its record.</summary>
    Repaired,

    /// <summary>A route needed a port it does not publish (ports are fixed at creation): it was recreated with the port.</summary>
    Recreated,

    /// <summary>New routes on ports it already publishes: its configuration was reloaded without dropping connections.</summary>
    Reloaded,
}
