using System.Formats.Tar;
using System.IO.Enumeration;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Images.Validation;

/// <summary>Streams the container's filesystem through the Engine API archive endpoint and looks for forbidden files.</summary>
internal static class ForbiddenFilesCheck
{
    public const string Name = "no forbidden files";
    static readonly string[] Skipped = ["/proc/", "/sys/", "/dev/"];

    public static async Task<ValidationCheck> RunAsync(DockerClient client, string id, IReadOnlyList<string> patterns, CancellationToken ct)
    {
        var archive = await client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = "/" }, statOnly: false, ct);
        await using var stream = archive.Stream ?? throw new InvalidOperationException($"The engine returned no archive for container {id}; check that it still exists.");
        await using var tar = new TarReader(stream);
        var offenders = new List<string>();
        var files = 0;
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                continue;
            var path = "/" + entry.Name.TrimStart('.', '/');
            if (Skipped.Any(s => path.StartsWith(s, StringComparison.Ordinal)))
                continue;
            files++;
            if (patterns.Any(p => Matches(p, path)))
                offenders.Add(path);
        }
        return offenders.Count == 0
            ? new(Name, true, $"none of {string.Join(", ", patterns)} among {files} files")
            : new(Name, false, $"{offenders.Count} file(s) match {string.Join(", ", patterns)}: {string.Join(", ", offenders.Take(5))}{(offenders.Count > 5 ? ", ..." : "")}; exclude them in .dockerignore or copy only the publish output");
    }

    static bool Matches(string pattern, string path) =>
        FileSystemName.MatchesSimpleExpression(pattern, pattern.Contains('/') ? path : Path.GetFileName(path), ignoreCase: false);
}
