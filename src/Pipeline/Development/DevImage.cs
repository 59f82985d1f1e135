using Docker.DotNet;
using Pipeline.Images;
using Serilog;

namespace Pipeline.Development;

/// <summary>The development image <c>&lt;image-name&gt;:dev</c>: built from the Dockerfile's development stage, labelled with that stage's fingerprint.</summary>
public sealed class DevImage(DockerClient client, ILogger log)
{
    /// <summary>The label holding <see cref="DevStageFingerprint"/> of the stage the image was built from.</summary>
    public const string FingerprintLabel = "org.app-pipeline.dev-stage";

    /// <summary>Why the image must be built (it is missing, or the stage changed since), or null when it is up to date.</summary>
    public async Task<string?> WhyBuildAsync(DevSettings settings, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await InspectAsync(settings.Image, cancellationToken) is not { } image)
            return $"{settings.Image} does not exist yet";
        return image.Config?.Labels?.TryGetValue(FingerprintLabel, out var built) == true && built == fingerprint
            ? null
            : $"the development stage of the Dockerfile changed since {settings.Image} was built";
    }

    /// <summary>Builds the development stage as <see cref="DevSettings.Image"/> and returns the image id.</summary>
    public async Task<string> BuildAsync(DevSettings settings, string dockerfile, string context, string fingerprint,
        IReadOnlyDictionary<string, string> baseImages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new ImageBuildRequest(context, dockerfile, [settings.Image])
        {
            Target = DevStageFingerprint.Stage,
            BuildArgs = baseImages,
            Labels = new Dictionary<string, string> { [DevSettings.ImageLabel] = settings.ImageName, [FingerprintLabel] = fingerprint },
        };
        log.Information("Building {Image} from the {Stage} stage of {Dockerfile}", settings.Image, DevStageFingerprint.Stage, dockerfile);
        return await new ImageBuilder(client, log).BuildAsync(request, cancellationToken);
    }

    /// <summary>The image's id, or null when it does not exist.</summary>
    public async Task<string?> IdAsync(string image, CancellationToken cancellationToken) =>
        (await InspectAsync(image, cancellationToken))?.ID;

    private async Task<global::Docker.DotNet.Models.ImageInspectResponse?> InspectAsync(string image, CancellationToken ct)
    {
        try
        {
            return await client.Images.InspectImageAsync(image, ct);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
