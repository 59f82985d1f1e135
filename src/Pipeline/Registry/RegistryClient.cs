using System.Net;
using System.Text.Json;

namespace Pipeline.Registry;

/// <summary>
/// The registry's HTTP API (distribution v2) at <c>http://host:port/v2/</c>. Sends basic auth when credentials are given;
/// token auth (a <c>Bearer</c> challenge) is not supported, which is enough for distribution with htpasswd or no auth.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.index.v1+json",
    ];

    private readonly RegistryHttp http;

    /// <summary>A client for <paramref name="registry"/> (<c>host:port</c>); disposes <paramref name="http"/> only when it created it.</summary>
    public RegistryClient(string registry, RegistryCredentials credentials, HttpClient? http = null)
        : this(RegistryNames.Address(registry), credentials, http)
    {
    }

    /// <summary>A client for <paramref name="registry"/>; disposes <paramref name="http"/> only when it created it.</summary>
    public RegistryClient(Model.RegistryAddress registry, RegistryCredentials credentials, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        this.http = new RegistryHttp(registry, credentials, http);
    }

    /// <summary>The registry as <c>host:port</c>.</summary>
    public string Registry => http.Address.Value;

    /// <summary>Checks that a registry answers <c>GET /v2/</c> and accepts the credentials; throws <see cref="RegistryException"/> saying what to fix.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Get, "", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await http.FailureAsync(response, "answer the API root", cancellationToken);
    }

    /// <summary>The manifest digest (<c>Docker-Content-Digest</c>) of <paramref name="repository"/>:<paramref name="tag"/>, or null when the registry does not have it.</summary>
    public async Task<string?> GetManifestDigestAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        RegistryNames.Parse($"{repository}:{tag}");
        var path = $"{repository}/manifests/{tag}";
        using var head = await http.SendAsync(HttpMethod.Head, path, ManifestTypes, cancellationToken);
        if (head.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!head.IsSuccessStatusCode)
            throw await http.FailureAsync(head, $"find {repository}:{tag}", cancellationToken);
        if (Digest(head) is { } digest)
            return digest;
        using var get = await http.SendAsync(HttpMethod.Get, path, ManifestTypes, cancellationToken);
        if (!get.IsSuccessStatusCode)
            throw await http.FailureAsync(get, $"read the manifest of {repository}:{tag}", cancellationToken);
        return Digest(get) ?? "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await get.Content.ReadAsByteArrayAsync(cancellationToken)));
    }

    /// <summary>The tags of <paramref name="repository"/>; empty when the registry does not know the repository.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        RegistryNames.Parse(repository);
        var tags = new List<string>();
        for (var path = $"{repository}/tags/list"; path is not null;)
        {
            using var response = await http.SendAsync(HttpMethod.Get, path, null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return tags;
            if (!response.IsSuccessStatusCode)
                throw await http.FailureAsync(response, $"list the tags of {repository}", cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
                tags.AddRange(list.EnumerateArray().Select(t => t.GetString()).OfType<string>());
            path = RegistryHttp.NextPage(response);
        }
        return tags;
    }

    /// <summary>Deletes the manifest <paramref name="digest"/> from <paramref name="repository"/> (and so every tag on it); false when it is not there.</summary>
    public async Task<bool> DeleteManifestAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        RegistryNames.Parse($"{repository}@{digest}");
        using var response = await http.SendAsync(HttpMethod.Delete, $"{repository}/manifests/{digest}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
            throw new RegistryException($"The registry at {Registry} does not allow deletes: set storage.delete.enabled: true in its config.");
        if (!response.IsSuccessStatusCode)
            throw await http.FailureAsync(response, $"delete {repository}@{digest}", cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static string? Digest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
}
