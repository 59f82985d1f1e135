using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Environments;
using Serilog;

namespace Pipeline.Development;

/// <summary>Removes everything of the development environment: the project's containers, volumes and networks, and the development images of the service.</summary>
public sealed class DevClean(DockerClient client, DevSettings settings, ILogger log)
{
    /// <summary>Removes, asking nothing, and reports what it removed.</summary>
    public async Task<DevCleanReport> RunAsync(CancellationToken cancellationToken)
    {
        var removed = await ProjectTeardown.RunAsync(client, settings.ProjectName, removeVolumes: true, log, cancellationToken);
        return new(removed.Containers, removed.Volumes, removed.Networks, await RemoveImagesAsync(cancellationToken));
    }

    /// <summary>True for a development tag of <paramref name="imageName"/>: <c>name:dev</c> or <c>name:&lt;version&gt;-dev</c> (not a registry's copy).</summary>
    public static bool IsDevTag(string tag, string imageName) =>
        tag.StartsWith(imageName + ":", StringComparison.Ordinal) && tag[(imageName.Length + 1)..] is var t && (t == "dev" || t.EndsWith("-dev", StringComparison.Ordinal));

    private async Task<IReadOnlyList<string>> RemoveImagesAsync(CancellationToken ct)
    {
        var removed = new List<string>();
        var labelled = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            All = false,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DevSettings.ImageLabel}={settings.ImageName}"] = true } },
        }, ct);
        var tagged = (await client.Images.ListImagesAsync(new ImagesListParameters { Filters = Reference(settings.ImageName) }, ct))
            .SelectMany(i => i.RepoTags ?? []).Where(t => IsDevTag(t, settings.ImageName));
        foreach (var name in tagged.Concat(labelled.SelectMany(i => (i.RepoTags ?? []).Where(t => t != "<none>:<none>").DefaultIfEmpty(i.ID))).Distinct())
        {
            if (await TryRemoveAsync(name, ct))
                removed.Add(name.StartsWith("sha256:", StringComparison.Ordinal) ? name[..19] : name);
        }
        return removed;
    }

    private async Task<bool> TryRemoveAsync(string image, CancellationToken ct)
    {
        try
        {
            await client.Images.DeleteImageAsync(image, new ImageDeleteParameters(), ct);
            log.Information("Removed image {Image}", image);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            log.Warning("Kept image {Image}: a container outside the development environment uses it ({Reason})", image, e.ResponseBody?.Trim());
            return false;
        }
    }

    private static Dictionary<string, IDictionary<string, bool>> Reference(string imageName) =>
        new() { ["reference"] = new Dictionary<string, bool> { [imageName] = true } };
}
