using Pipeline.Images;
using Pipeline.Model;

namespace Pipeline.Environments;

/// <summary>Reads a release back from the containers that run it.</summary>
public static class RunningRelease
{
    /// <summary>
    /// The release <paramref name="containers"/> run, from their labels: the version and commit, and each service's image by digest
    /// (<c>repo@sha256:...</c>, built from the digest label when the container was created from a tag); null when none runs.
    /// </summary>
    public static Release? Of(IEnumerable<ContainerStatus> containers)
    {
        var running = containers.Where(c => c.IsRunning).ToList();
        if (running.Count == 0)
            return null;
        var images = running.GroupBy(c => c.Service.Length > 0 ? c.Service : c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ByDigest(g.First()), StringComparer.Ordinal);
        var labelled = running.FirstOrDefault(c => c.Version is not null) ?? running[0];
        return new Release(labelled.Version ?? "unknown", labelled.Revision ?? "", images);
    }

    /// <summary>The image <paramref name="container"/> runs, by digest when known.</summary>
    public static string ByDigest(ContainerStatus container) =>
        container.Image.Contains('@', StringComparison.Ordinal) || container.Digest is null ? container.Image
        : $"{ImageReference.Parse(container.Image).Repository}@{container.Digest}";
}
