using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Environments;

/// <summary>Finds a Compose project's containers, networks and volumes through the Engine API, by the label Compose puts on each.</summary>
internal static class ProjectContainers
{
    public const string ProjectLabel = "com.docker.compose.project";

    public static Dictionary<string, IDictionary<string, bool>> Filter(string project) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{ProjectLabel}={project}"] = true } };

    public static async Task<IReadOnlyList<ContainerStatus>> ListAsync(DockerClient client, string project, CancellationToken ct)
    {
        var listed = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Filter(project) }, ct);
        var inspected = await Task.WhenAll(listed.Select(c => InspectAsync(client, c.ID, ct)));
        return [.. inspected.OfType<ContainerStatus>().OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static async Task<ContainerStatus?> InspectAsync(DockerClient client, string id, CancellationToken ct)
    {
        try
        {
            return ContainerStatus.From(await client.Containers.InspectContainerAsync(id, ct));
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }
}
