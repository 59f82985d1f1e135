using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pipeline.Machine;
using Pipeline.Model;

namespace Pipeline.Registry;

/// <summary>Sends requests to one registry with its credentials and turns failures into messages that say what to fix.</summary>
internal sealed class RegistryHttp(RegistryAddress address, RegistryCredentials credentials, HttpClient? http) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient client = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

    public RegistryAddress Address => address;

    /// <summary>Sends a request to <c>/v2/{path}</c>; an unreachable registry becomes a <see cref="RegistryException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IEnumerable<string>? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(address.ApiRoot, path));
        foreach (var type in accept ?? [])
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        if (credentials.BasicAuthorization is { } authorization)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RequestTimeout);
        try
        {
            return await client.SendAsync(request, limit.Token);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e.GetBaseException().Message, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {RequestTimeout.TotalSeconds:0} s", e);
        }
    }

    /// <summary>The error for a response that is not a success, naming what was attempted.</summary>
    public async Task<RegistryException> FailureAsync(HttpResponseMessage response, string attempt, CancellationToken cancellationToken)
    {
        var registry = address.Value;
        var code = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            if (response.Headers.WwwAuthenticate.Any(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)))
                return new($"The registry at {registry} asks for token (Bearer) authentication, which this pipeline does not support: use a registry with basic auth (htpasswd) or none.");
            return new(credentials.IsEmpty
                ? $"The registry at {registry} requires a login: pass --registry-username/--registry-password."
                : $"The registry at {registry} refused the credentials for user {credentials.Username}: check --registry-username/--registry-password.");
        }
        if (response.StatusCode == HttpStatusCode.Forbidden)
            return new($"The registry at {registry} did not let {credentials} {attempt} (403): give the account access to the repository.");
        var detail = await ErrorDetailAsync(response, cancellationToken);
        return new(credentials.Redact($"The registry at {registry} could not {attempt}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {code} {response.ReasonPhrase}{detail}. Check that --registry names a Docker registry (v2 API) and that it is healthy."));
    }

    /// <summary>The path of the next page from a <c>Link: &lt;/v2/...&gt;; rel="next"</c> header, or null.</summary>
    public static string? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
        && links.FirstOrDefault(l => l.Contains("rel=\"next\"", StringComparison.Ordinal)) is { } link
        && link.IndexOf('<') is var start and >= 0 && link.IndexOf('>') is var end && end > start
            ? link[(start + 1)..end]
            : null;

    public void Dispose()
    {
        if (http is null)
            client.Dispose();
    }

    private RegistryException Unreachable(string detail, Exception inner) =>
        new(credentials.Redact($"Nothing answers at {address.ApiRoot} ({detail}) — run {Commands.Setup} or check {Commands.Flags.Registry}."), inner);

    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString() is { Length: > 0 } message ? $" ({message})" : "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return "";
        }
    }
}
