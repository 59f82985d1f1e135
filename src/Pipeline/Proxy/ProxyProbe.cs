namespace Pipeline.Proxy;

/// <summary>What <see cref="EdgeProxy.ProbeAsync"/> found, for <c>Doctor</c>.</summary>
/// <param name="Status">Whether the proxy runs and answers.</param>
/// <param name="Detail">What was found (the routes served, or what is wrong).</param>
/// <param name="Fix">What to run; null when nothing needs fixing.</param>
/// <param name="Routes">The routes served when it answers; empty otherwise.</param>
public sealed record ProxyProbe(ProxyStatus Status, string Detail, string? Fix, IReadOnlyList<RouteState> Routes)
{
    /// <summary>True when the proxy runs and answers its runtime API.</summary>
    public bool Answers => Status == ProxyStatus.Answering;
}

/// <summary>The proxy's condition.</summary>
public enum ProxyStatus
{
    /// <summary>Running and answering its runtime API.</summary>
    Answering,

    /// <summary>Not created yet: the first deploy creates it (normal on a new machine).</summary>
    NotCreated,

    /// <summary>The container exists but is not running.</summary>
    Stopped,

    /// <summary>Running, but its runtime API does not answer.</summary>
    NotAnswering,
}
