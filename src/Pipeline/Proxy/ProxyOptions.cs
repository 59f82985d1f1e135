namespace Pipeline.Proxy;

/// <summary>Names, ports and timeouts of the one edge proxy per engine. Routes are published on their own addresses (<see cref="ProxyRoute.Address"/>); the runtime API on 127.0.0.1 only.</summary>
public sealed record ProxyOptions
{
    /// <summary>The options of the proxy called <paramref name="name"/>: its network and configuration volume are named after it.</summary>
    public static ProxyOptions Named(string name, int apiPort) =>
        new() { ContainerName = name, NetworkName = $"{name}-edge", VolumeName = $"{name}-config", ApiPort = apiPort };

    /// <summary>The proxy container's name.</summary>
    public string ContainerName { get; init; } = "app-pipeline-proxy";

    /// <summary>The bridge network the proxy and the service containers share.</summary>
    public string NetworkName { get; init; } = "app-pipeline-edge";

    /// <summary>The volume holding the proxy's configuration (its durable record), kept when the container is repaired.</summary>
    public string VolumeName { get; init; } = "app-pipeline-proxy-config";

    /// <summary>The port on the host's 127.0.0.1 where the proxy's runtime API answers.</summary>
    public int ApiPort { get; init; } = 8404;

    /// <summary>
    /// The port on this machine's 127.0.0.1 where the pipeline reaches the runtime API: <see cref="ApiPort"/> on the pipeline's own engine, the
    /// local end of an SSH forward to it on a server.
    /// </summary>
    public int? ApiReachPort { get; init; }

    /// <summary>How long one connection attempt to an upstream may take before it is retried.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a request is held (connection attempts retried every <see cref="ConnectTimeout"/>) while its upstream does not answer.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long in-flight requests may take to finish after a reload or a stop of the proxy (HAProxy's <c>hard-stop-after</c>), and the grace
    /// period to give a container that was switched away from before stopping it.
    /// </summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the runtime API to answer after the proxy starts or reloads.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one runtime API command may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The number of connection retries that makes up <see cref="Hold"/>.</summary>
    public int Retries => (int)Math.Max(1, Math.Ceiling(Hold / ConnectTimeout));
}
