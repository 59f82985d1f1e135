using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Environments;
using Pipeline.Model;

namespace Pipeline.Cutover;

/// <summary>
/// One release of an environment as its own Compose project, <c>&lt;environment project&gt;-r-&lt;version&gt;-&lt;hash&gt;</c>: started beside the
/// live one during a cutover, kept stopped afterwards so that a rollback to it is a start and a switch.
/// </summary>
/// <param name="Project">The Compose project.</param>
/// <param name="Containers">Its containers, running or not.</param>
public sealed partial record ReleaseSlot(string Project, IReadOnlyList<ContainerStatus> Containers)
{
    /// <summary>What separates the environment's project from a slot's suffix.</summary>
    public const string Separator = ProjectContainers.SlotSeparator;

    /// <summary>True when one of its containers runs.</summary>
    public bool IsRunning => Containers.Any(c => c.IsRunning);

    /// <summary>The release version its containers carry (label <c>org.app-pipeline.version</c>), or null.</summary>
    public string? Version => Containers.Select(c => c.Version).FirstOrDefault(v => v is not null);

    /// <summary>When it last started (the newest container start), or null.</summary>
    public DateTimeOffset? StartedAt => Containers.Max(c => c.StartedAt);

    /// <summary>The container of <paramref name="service"/>, or null.</summary>
    public ContainerStatus? Of(string service) => Containers.FirstOrDefault(c => c.Service == service);

    /// <summary>
    /// The project of <paramref name="release"/> in <paramref name="settings"/>' environment: the version made safe for Compose, and 8 hex digits
    /// of a hash over every service's image, so that two builds of one version never share a slot.
    /// </summary>
    public static string ProjectFor(EnvironmentSettings settings, Release release)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(release);
        var version = Unsafe().Replace(release.Version.ToLowerInvariant(), "-").Trim('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(release.Describe())))[..8];
        return $"{settings.ProjectName}{Separator}{(version.Length > 40 ? version[..40] : version)}-{hash}";
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Unsafe();
}
