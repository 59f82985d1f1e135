using System.Globalization;
using Pipeline.Compose;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Environments;

/// <summary>What the compose files of an environment get for a release, and the Compose command of its project.</summary>
internal static class ReleaseVariables
{
    /// <summary>
    /// The release-wide <c>APP_*</c> variables, and per service <c>&lt;SERVICE&gt;_IMAGE</c> and <c>&lt;SERVICE&gt;_DIGEST</c>
    /// (service <c>app</c>: <c>APP_IMAGE</c>, <c>APP_DIGEST</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> For(EnvironmentSettings settings, Release release)
    {
        var variables = new Dictionary<string, string?>
        {
            ["APP_PORT"] = settings.HostPort.ToString(CultureInfo.InvariantCulture),
            ["APP_CONTAINER_PORT"] = settings.ContainerPort.ToString(CultureInfo.InvariantCulture),
            ["APP_VERSION"] = release.Version,
            ["APP_COMMIT"] = release.Commit,
            ["APP_ENVIRONMENT"] = settings.Name,
            ["APP_DATA_VOLUME"] = settings.DataVolume,
        };
        foreach (var service in release.Services)
        {
            var prefix = service.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
            variables[$"{prefix}_IMAGE"] = release.Images[service];
            variables[$"{prefix}_DIGEST"] = release.Digest(service);
        }
        return variables;
    }

    /// <summary>The Compose command of <paramref name="settings"/>'s project, or of <paramref name="project"/> (one of its release slots).</summary>
    public static ComposeCommand Command(EnvironmentSettings settings, ComposeTool compose, ILogger log, string? project = null) =>
        new(compose, project ?? settings.ProjectName, settings.ComposeFiles, settings.DeployDirectory, log);
}
