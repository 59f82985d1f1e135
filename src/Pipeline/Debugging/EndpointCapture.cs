using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Debugging;

/// <summary>What a service answers on its diagnostic endpoints (<c>/health</c>, <c>/ready</c>, <c>/version</c>, <c>/api/queue-stats</c>), redacted.</summary>
public static class EndpointCapture
{
    /// <summary>The paths captured, with their file names under <c>endpoints/</c>.</summary>
    public static IReadOnlyList<(string Path, string File)> Endpoints { get; } =
        [("/health", "health.json"), ("/ready", "ready.json"), ("/version", "version.json"), ("/api/queue-stats", "queue-stats.json")];

    /// <summary>
    /// One GET of <paramref name="path"/> at <paramref name="baseAddress"/>: <c>{ url, status, latencyMs, body }</c> (the body parsed when it is JSON), or
    /// <c>{ url, error }</c> when nothing answered; the url as <paramref name="shownAs"/> says when set (the address on a server, not the forward's).
    /// </summary>
    public static async Task<string> CaptureAsync(HttpClient http, Uri baseAddress, string path, ValueRedactor redactor, CancellationToken ct, Uri? shownAs = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = new JsonObject { ["url"] = new Uri(shownAs ?? baseAddress, path).ToString() };
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri(baseAddress, path), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            result["status"] = (int)response.StatusCode;
            result["latencyMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            result["body"] = Parse(body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            result["error"] = e.Message;
        }
        return JsonRedaction.Redact(result, redactor)!.ToJsonString(JsonRedaction.Options);
    }

    static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
