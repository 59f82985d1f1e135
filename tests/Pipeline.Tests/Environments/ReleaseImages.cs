using Pipeline.Images;
using Pipeline.Registry;
using Pipeline.Tests.Support;
using Pipeline.Tools;

namespace Pipeline.Tests.Environments;

/// <summary>
/// The real sample app's release: artifacts/release.json when its production digest is in the registry, else made once per
/// test run with <c>./build.sh PushImages --no-logo</c> (CI=true).
/// </summary>
internal static class ReleaseImages
{
    static readonly Lazy<Task<ReleaseManifest>> Release = new(LoadAsync);

    static string ManifestPath => Path.Combine(TestMachine.RepositoryRoot, "artifacts", "release.json");

    public static Task<ReleaseManifest> EnsureAsync() => Release.Value;

    static async Task<ReleaseManifest> LoadAsync()
    {
        if (await InRegistryAsync())
            return ReleaseManifest.Read(ManifestPath);
        var build = await new ExternalTool(Path.Combine(TestMachine.RepositoryRoot, "build.sh"))
            .In(TestMachine.RepositoryRoot).WithEnvironment("CI", "true").RunAsync(["PushImages", "--no-logo"]);
        if (!build.Succeeded || !await InRegistryAsync())
            throw new InvalidOperationException($"./build.sh PushImages exited with {build.ExitCode} and left no usable {ManifestPath}:\n{build.StandardOutput}\n{build.StandardError}");
        return ReleaseManifest.Read(ManifestPath);
    }

    static async Task<bool> InRegistryAsync()
    {
        if (!File.Exists(ManifestPath))
            return false;
        ImageReference image;
        try
        {
            image = ImageReference.Parse(ReleaseManifest.Read(ManifestPath).Images["production"]);
        }
        catch (Exception e) when (e is ReleaseManifestException or KeyNotFoundException or ImageBuildException)
        {
            return false;
        }
        var slash = image.Repository.IndexOf('/');
        if (slash < 0 || image.Digest is null)
            return false;
        using var registry = new RegistryClient(image.Repository[..slash], RegistryCredentials.None);
        var repository = image.Repository[(slash + 1)..];
        foreach (var tag in await registry.ListTagsAsync(repository, CancellationToken.None))
            if (await registry.GetManifestDigestAsync(repository, tag, CancellationToken.None) == image.Digest)
                return true;
        return false;
    }
}
