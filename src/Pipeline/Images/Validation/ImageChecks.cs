using Docker.DotNet.Models;

namespace Pipeline.Images.Validation;

/// <summary>Checks read from the image's configuration and the created container, before anything runs.</summary>
internal static class ImageChecks
{
    /// <summary>The name of the no-volumes check.</summary>
    public const string NoVolumes = "no volumes";

    public static bool HasHealthcheck(DockerOCIImageConfig config) =>
        config.Healthcheck?.Test is { Count: > 0 } test && test[0] != "NONE";

    public static ValidationCheck Healthcheck(DockerOCIImageConfig config) =>
        HasHealthcheck(config)
            ? new("HEALTHCHECK", true, string.Join(' ', config.Healthcheck!.Test!.Skip(1)))
            : new("HEALTHCHECK", false, "no HEALTHCHECK: add one to the production stage (e.g. HEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1:8080/health\"])");

    public static ValidationCheck Volumes(DockerOCIImageConfig config, IEnumerable<MountPoint>? mounts)
    {
        var found = (config.Volumes?.Keys ?? []).Select(v => $"VOLUME {v}")
            .Concat((mounts ?? []).Select(m => $"{m.Type} mount at {m.Destination}")).ToList();
        return found.Count == 0
            ? new(NoVolumes, true, "no VOLUME declared, no mounts")
            : new(NoVolumes, false, $"{string.Join(", ", found)}: remove the VOLUME instruction; data volumes belong in the compose file");
    }

    public static ValidationCheck User(DockerOCIImageConfig config)
    {
        var user = config.User ?? "";
        var name = user.Split(':')[0];
        return name switch
        {
            "" => new("non-root image user", false, "no USER: add 'USER <uid>' (e.g. USER 10001 or USER app) to the production stage"),
            "0" or "root" => new("non-root image user", false, $"USER {user} is root: switch to an unprivileged user"),
            _ => new("non-root image user", true, $"USER {user}"),
        };
    }
}
