using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Environments;

/// <summary>Finds a Compose project's containers, networks and volumes through the Engine API, by the label Compose puts on each.</summary>
internal static class ProjectContainers
{
    public const string ProjectLabel = "com.docker.compose.project";

    public static Dictionary<string, IDictionary<string, bool>> Filter(string project) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{ProjectLabel}={project}"] = true } };

    public static Task<IReadOnlyList<ContainerStatus>> ListAsync(DockerClient client, string project, CancellationToken ct) =>
        ListAsync(client, Filter(project), _ => true, ct);

    /// <summary>What separates an environment's project from the suffix of one of its release slots (<c>app-production-r-1-2-3-ab12cd34</c>).</summary>
    public const string SlotSeparator = "-r-";

    /// <summary>True when <paramref name="candidate"/> is <paramref name="project"/> or one of its release slots.</summary>
    public static bool BelongsTo(string candidate, string project) =>
        candidate == project || candidate.StartsWith(project + SlotSeparator, StringComparison.Ordinal);

    /// <summary>
    /// The containers that serve an environment: those of its in-place project and of its running release slots; when no slot runs, those of
    /// the slot that ran last (so a stopped environment still shows what stopped). Retained slots, stopped for rollbacks, are left out.
    /// </summary>
    public static async Task<IReadOnlyList<ContainerStatus>> ServingAsync(DockerClient client, string project, CancellationToken ct)
    {
        var all = await ListAsync(client, AnyProject, c => BelongsTo(c.Labels, project), ct);
        var slots = all.Where(c => c.Project != project).GroupBy(c => c.Project, StringComparer.Ordinal).ToList();
        var serving = slots.Where(g => g.Any(c => c.IsRunning)).ToList() is { Count: > 0 } running ? running
            : slots.OrderByDescending(g => g.Max(c => c.StartedAt) ?? DateTimeOffset.MinValue).Take(1).ToList();
        return [.. all.Where(c => c.Project == project), .. serving.SelectMany(g => g)];
    }

    /// <summary>True when <paramref name="labels"/> name <paramref name="project"/> or one of its release slots as their Compose project.</summary>
    public static bool BelongsTo(IDictionary<string, string>? labels, string project) =>
        labels is not null && labels.TryGetValue(ProjectLabel, out var candidate) && BelongsTo(candidate, project);

    /// <summary>The filter for everything Compose labelled with a project.</summary>
    public static Dictionary<string, IDictionary<string, bool>> AnyProject => new() { ["label"] = new Dictionary<string, bool> { [ProjectLabel] = true } };

    /// <summary>The containers of every project whose name starts with <paramref name="prefix"/>.</summary>
    public static Task<IReadOnlyList<ContainerStatus>> ListByPrefixAsync(DockerClient client, string prefix, CancellationToken ct) =>
        ListAsync(client, AnyProject,
            c => c.Labels.TryGetValue(ProjectLabel, out var project) && project.StartsWith(prefix, StringComparison.Ordinal), ct);

    private static async Task<IReadOnlyList<ContainerStatus>> ListAsync(
        DockerClient client, Dictionary<string, IDictionary<string, bool>> filter, Func<ContainerListResponse, bool> keep, CancellationToken ct)
    {
        var listed = (await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct)).Where(keep);
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
