using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Registry;

namespace Pipeline.Tests.Registry;

/// <summary>Unique names for pushes, and removal of what a push left: the manifests in the registry and the local registry tags.</summary>
public static class PushCleanup
{
    /// <summary>A repository name no other test uses.</summary>
    public static string UniqueRepository(string purpose) => $"pipeline-test/{purpose}-{Guid.NewGuid():N}"[..(20 + purpose.Length)];

    /// <summary>Deletes every manifest of <paramref name="repository"/> and the local tags <c>registry/repository:tag</c>; ignores what is already gone.</summary>
    public static async Task RemoveAsync(DockerClient client, string registry, string repository, IEnumerable<string> tags, RegistryCredentials credentials)
    {
        using var http = new RegistryClient(registry, credentials);
        foreach (var tag in tags)
        {
            try
            {
                if (await http.GetManifestDigestAsync(repository, tag, CancellationToken.None) is { } digest)
                    await http.DeleteManifestAsync(repository, digest, CancellationToken.None);
            }
            catch (RegistryException)
            {
            }
            try
            {
                await client.Images.DeleteImageAsync($"{registry}/{repository}:{tag}", new ImageDeleteParameters(), CancellationToken.None);
            }
            catch (DockerImageNotFoundException)
            {
            }
        }
    }

    /// <summary>True when the engine has an image called <paramref name="reference"/>.</summary>
    public static async Task<bool> ExistsLocallyAsync(DockerClient client, string reference)
    {
        try
        {
            await client.Images.InspectImageAsync(reference);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
