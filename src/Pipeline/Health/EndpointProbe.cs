namespace Pipeline.Health;

/// <summary>One <c>GET</c> of a health path: the status code (null when nothing answered), the latency, and why it failed.</summary>
/// <param name="Path">The path asked, such as <c>/health</c>.</param>
/// <param name="Status">The HTTP status code; null when no answer came.</param>
/// <param name="LatencyMs">How long the answer took, in milliseconds.</param>
/// <param name="Error">Why no answer came, or why it was not asked.</param>
public sealed record EndpointProbe(string Path, int? Status, double LatencyMs, string? Error)
{
    /// <summary>True for a 200 answer.</summary>
    public bool Passed => Status == 200;

    /// <summary>A probe that was not sent, saying why.</summary>
    public static EndpointProbe NotAsked(string path, string why) => new(path, null, 0, why);

    /// <summary>The table cell: <c>200 (12 ms)</c>, <c>503 (4 ms)</c> or the error.</summary>
    public override string ToString() =>
        Status is { } status ? $"{status} ({LatencyMs:0} ms)" : Error ?? "-";
}
