using Pipeline.Tools;
using Serilog;

namespace Pipeline.Development;

/// <summary>
/// Restores the mounted project on the host, so its packages are in the host's NuGet folder that the container mounts read-only
/// (containers restore offline here). The restore's own files go to <paramref name="workDirectory"/>, never into the source folder.
/// </summary>
public sealed class DevPackages(DevSettings settings, string workDirectory, ILogger log)
{
    private string Assets => Path.Combine(workDirectory, "obj", "project.assets.json");

    /// <summary>The project the container runs.</summary>
    public string Project => Directory.EnumerateFiles(settings.SourceDirectory, "*.csproj").Order(StringComparer.Ordinal).First();

    /// <summary>True when the last restore is newer than the project and the props files.</summary>
    public bool IsCurrent =>
        File.Exists(Assets) && new[] { Project, Props("Directory.Build.props"), Props("Directory.Packages.props") }.All(f => File.GetLastWriteTimeUtc(f) < File.GetLastWriteTimeUtc(Assets));

    /// <summary>Restores unless <see cref="IsCurrent"/>; returns false when it had nothing to do. Throws, quoting NuGet, on failure.</summary>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        if (IsCurrent)
            return false;
        var obj = Path.Combine(workDirectory, "obj") + Path.DirectorySeparatorChar;
        var result = await ExternalTool.Dotnet.WithLog(log).RunAsync(
            ["restore", Project, "--nologo", "-v", "q", $"-p:DirectoryBuildPropsPath={Props("Directory.Build.props")}",
             $"-p:DirectoryPackagesPropsPath={Props("Directory.Packages.props")}", $"-p:BaseIntermediateOutputPath={obj}", $"-p:MSBuildProjectExtensionsPath={obj}"],
            cancellationToken);
        return result.Succeeded
            ? true
            : throw new DevException($"Restoring {Project} on the host failed (exit code {result.ExitCode}), so the container could not restore it either:\n" +
                $"{string.Join('\n', (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10))}\nFix the package references, or reach a NuGet feed once, then run {Commands.DevStart} again.");
    }

    private string Props(string name) => Path.Combine(settings.RepositoryRoot, name);
}
