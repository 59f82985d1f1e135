using Pipeline.Model;
namespace Pipeline.Machine;

/// <summary>What a registry's API root answered.</summary>
/// <param name="Answers">True when <c>GET /v2/</c> answered 200 or 401: a registry is there.</param>
/// <param name="ApiVersion">The <c>Docker-Distribution-Api-Version</c> header, such as <c>registry/2.0</c>.</param>
/// <param name="Detail">What happened, for messages.</param>
internal sealed record RegistryStatus(bool Answers, string? ApiVersion, string Detail);

/// <summary>Asks a registry's API root whether it is there.</summary>
internal static class RegistryProbe
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Sends <c>GET http://{registry}/v2/</c>, giving up after <paramref name="timeout"/>.</summary>
    public static async Task<RegistryStatus> ProbeAsync(RegistryAddress registry, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var url = registry.ApiRoot;
        try
        {
            using var response = await Http.GetAsync(url, limit.Token);
            var api = response.Headers.TryGetValues("Docker-Distribution-Api-Version", out var values) ? values.FirstOrDefault() : null;
            var code = (int)response.StatusCode;
            return code is 200 or 401
                ? new(true, api, $"GET {url} answered {code}")
                : new(false, api, $"GET {url} answered {code} {response.ReasonPhrase}: something else listens there, not a Docker registry");
        }
        catch (HttpRequestException e)
        {
            return new(false, null, $"GET {url} failed: {e.GetBaseException().Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, $"GET {url} got no answer within {timeout.TotalSeconds:0.#} s");
        }
    }
}
