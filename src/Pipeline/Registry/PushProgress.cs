using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Registry;

/// <summary>
/// Follows the engine's push output: logs one line when a layer changes state (and at most every two seconds while it uploads),
/// counts uploaded and already present layers, and picks up the manifest digest and any error.
/// </summary>
internal sealed partial class PushProgress(ILogger log, RegistryCredentials credentials, TimeProvider? clock = null) : IProgress<JSONMessage>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly Dictionary<string, (string State, DateTimeOffset Logged)> layers = [];
    private readonly HashSet<string> pushed = [];
    private readonly HashSet<string> present = [];

    public string Tag { get; private set; } = "";

    public string? Digest { get; private set; }

    public string? Error { get; private set; }

    public int LayersPushed => pushed.Count;

    public int LayersAlreadyPresent => present.Count(id => !pushed.Contains(id));

    /// <summary>Starts following the push of one more tag: the digest and error seen so far are forgotten, the layer counts kept.</summary>
    public void Begin(string tag) => (Tag, Digest, Error) = (tag, null, null);

    public void Report(JSONMessage value)
    {
        if (value.Error?.Message is { Length: > 0 } error)
        {
            Error = credentials.Redact(error);
            log.Information("Push {Tag:l}: {Error:l}", Tag, Error);
        }
        if ((AuxDigest(value) ?? StatusDigest(value.Status)) is { } digest)
            Digest ??= digest;
        if (value.Status is not { Length: > 0 } status)
            return;
        if (value.ID is { Length: > 0 } id)
            Layer(id, status, value.Progress);
        else
            log.Information("Push {Tag:l}: {Status:l}", Tag, credentials.Redact(status));
    }

    /// <summary>Sizes as the engine shows them: decimal units, one decimal.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1000 => $"{bytes} B",
        < 1_000_000 => (bytes / 1e3).ToString("0.0 kB", CultureInfo.InvariantCulture),
        < 1_000_000_000 => (bytes / 1e6).ToString("0.0 MB", CultureInfo.InvariantCulture),
        _ => (bytes / 1e9).ToString("0.0 GB", CultureInfo.InvariantCulture),
    };

    private void Layer(string id, string status, JSONProgress? progress)
    {
        var state = status.StartsWith("Retrying", StringComparison.Ordinal) ? "Retrying" : status;
        if (state == "Pushed")
            pushed.Add(id);
        else if (state == "Layer already exists" || state.StartsWith("Mounted from", StringComparison.Ordinal))
            present.Add(id);
        var now = time.GetUtcNow();
        if (layers.TryGetValue(id, out var last) && last.State == state && now - last.Logged < Interval)
            return;
        layers[id] = (state, now);
        var detail = progress is { Current: > 0 and var current } ? " " + Size(current) + (progress.Total is > 0 and var total ? "/" + Size(total) : "") : "";
        log.Information("Push {Tag:l}: {Layer:l} {Status:l}{Detail:l}", Tag, id, status, detail);
    }

    private static string? AuxDigest(JSONMessage value) =>
        value.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest)
            ? digest switch { JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(), string s => s, _ => null }
            : null;

    private static string? StatusDigest(string? status) =>
        status is not null && DigestLine().Match(status) is { Success: true } match ? match.Groups["digest"].Value : null;

    [GeneratedRegex(@"^\S+: digest: (?<digest>sha256:[a-f0-9]{64}) size: \d+")]
    private static partial Regex DigestLine();
}
