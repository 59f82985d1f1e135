using System.Net;
using System.Text.Json;

namespace Pipeline.Proxy;

/// <summary>
/// The proxy's durable record: every route with its target and maintenance state. It is stored beside <c>haproxy.cfg</c> in the
/// proxy's configuration volume and the configuration is generated from it, so a restarted or repaired proxy serves the same targets.
/// </summary>
public sealed record ProxyRecord(IReadOnlyList<RouteState> Routes)
{
    /// <summary>A record with no routes.</summary>
    public static ProxyRecord Empty { get; } = new([]);

    /// <summary>The state of route <paramref name="name"/>; throws <see cref="ProxyException"/> naming the known routes when there is none.</summary>
    public RouteState Find(string name) =>
        Routes.FirstOrDefault(r => r.Route.Name == name)
        ?? throw new ProxyException($"The proxy has no route '{name}' (it has {(Routes.Count == 0 ? "none" : string.Join(", ", Routes.Select(r => r.Route.Name)))}). Add it through the deploy (EnsureAsync) first, or check the environment name.");

    /// <summary>This record with <paramref name="state"/> replacing the route of the same name.</summary>
    public ProxyRecord With(RouteState state) => new([.. Routes.Select(r => r.Route.Name == state.Route.Name ? state : r)]);

    /// <summary>
    /// This record with <paramref name="routes"/> added (a known name takes the new port and host name, keeping its target and
    /// maintenance); routes not named stay, since other environments share the proxy. Throws when two routes would take the same requests.
    /// </summary>
    public ProxyRecord Merge(IEnumerable<ProxyRoute> routes)
    {
        var merged = Routes.ToList();
        foreach (var route in routes)
        {
            var index = merged.FindIndex(r => r.Route.Name == route.Name);
            if (index < 0)
                merged.Add(new RouteState(route, null, null));
            else
                merged[index] = merged[index] with { Route = route };
        }
        var split = merged.GroupBy(r => r.Route.Port).FirstOrDefault(g => g.Select(r => r.Route.Address).Distinct().Count() > 1);
        if (split is not null)
            throw new ProxyException($"Routes {string.Join(" and ", split.Select(r => r.Route.Name))} share port {split.Key} but are published on different addresses ({string.Join(", ", split.Select(r => r.Route.Address).Distinct())}): publish them on one address, or give each a port of its own.");
        var clash = merged.GroupBy(r => (r.Route.Port, r.Route.HostName)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ProxyException($"Routes {string.Join(" and ", clash.Select(r => r.Route.Name))} both take port {clash.Key.Port}{(clash.Key.HostName is null ? " without a host name" : $" for host {clash.Key.HostName}")}: give each a host name, or a port of its own.");
        return new ProxyRecord(merged);
    }

    /// <summary>The ports the proxy must publish.</summary>
    public IReadOnlyList<int> Ports => [.. Routes.Select(r => r.Route.Port).Distinct().Order()];

    /// <summary>The ports the proxy must publish, each on its address.</summary>
    public IReadOnlyList<ProxyBinding> Bindings => [.. Routes.Select(r => r.Route.Binding).Distinct().OrderBy(b => b.Port)];

    /// <summary>The record as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        Routes.Select(r => new RouteEntry(r.Route.Name, r.Route.Port, r.Route.HostName, r.Route.Address,
            r.Target is { } t ? new TargetEntry(t.Container, t.Address.ToString(), t.Port) : null,
            r.Maintenance is { } m ? new MaintenanceEntry(m.Message, m.RetryAfterSeconds) : null)).ToList(), Json);

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    public static ProxyRecord FromJson(string json) =>
        new([.. (JsonSerializer.Deserialize<List<RouteEntry>>(json, Json) ?? []).Select(e => new RouteState(
            new ProxyRoute(e.Name, e.Port, e.HostName) { Address = e.Address ?? "127.0.0.1" },
            e.Target is { } t ? new Upstream(t.Container, IPAddress.Parse(t.Address), t.Port) : null,
            e.Maintenance is { } m ? new Maintenance(m.Message, TimeSpan.FromSeconds(m.RetryAfterSeconds)) : null))]);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    sealed record RouteEntry(string Name, int Port, string? HostName, string? Address, TargetEntry? Target, MaintenanceEntry? Maintenance);

    sealed record TargetEntry(string Container, string Address, int Port);

    sealed record MaintenanceEntry(string Message, int RetryAfterSeconds);
}
