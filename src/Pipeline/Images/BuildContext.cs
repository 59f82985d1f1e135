using System.Formats.Tar;

namespace Pipeline.Images;

/// <summary>The tar stream sent to the engine as a build context, with <c>.dockerignore</c> applied.</summary>
public static class BuildContext
{
    /// <summary>Name the Dockerfile gets inside the context when it lives outside the context folder.</summary>
    public const string ExternalDockerfileName = ".pipeline.Dockerfile";

    /// <summary>
    /// Writes the context of <paramref name="contextDirectory"/> to a temporary file (deleted on close) and returns it,
    /// positioned at the start, with the path of the Dockerfile inside it.
    /// </summary>
    public static async Task<(Stream Tar, string DockerfileInContext)> CreateAsync(string contextDirectory, string dockerfile, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(contextDirectory);
        var dockerfilePath = Path.GetFullPath(dockerfile, root);
        var relativeDockerfile = Path.GetRelativePath(root, dockerfilePath).Replace('\\', '/');
        var inside = !relativeDockerfile.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relativeDockerfile);
        var ignore = DockerIgnore.For(root);

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                var isDockerfile = relative == relativeDockerfile || relative == ".dockerignore";
                if (!isDockerfile && ignore.Excludes(relative))
                    continue;
                if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
                    continue;
                await writer.WriteEntryAsync(path, relative, cancellationToken);
            }
            if (!inside)
                await writer.WriteEntryAsync(dockerfilePath, ExternalDockerfileName, cancellationToken);
        }
        file.Position = 0;
        return (file, inside ? relativeDockerfile : ExternalDockerfileName);
    }
}
