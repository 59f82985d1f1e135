using Pipeline.Images;
using Pipeline.Images.Base;
using Pipeline.Images.Validation;
using Pipeline.Model;
using Pipeline.Registry;

namespace Pipeline.Operations;

/// <summary>The image targets: resolve the base images, build the stages, validate, tag, push; each records what it did.</summary>
public sealed class ImageOperations(PipelineContext run)
{
    /// <summary>Fails fast on bad settings: image name, Dockerfile, base image overrides.</summary>
    public static void CheckSettings(ImageRepository image, ServiceSettings service, IReadOnlyList<string> baseImages)
    {
        ImageReference.Parse(image.Tagged("check"));
        service.ReadDockerfile();
        Overrides(baseImages);
    }

    /// <summary>Base image overrides by argument; throws naming the fix for one that is not <c>ARG=image</c>.</summary>
    public static Dictionary<string, string> Overrides(IReadOnlyList<string> baseImages) => baseImages
        .Select(o => o.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : throw new OperationFailedException($"--base-image '{p[0]}' must be ARG=image, e.g. RUNTIME_IMAGE=my/runtime:1."));

    /// <summary>Fails fast when <paramref name="address"/> does not answer or refuses <paramref name="credentials"/>.</summary>
    public static async Task PingRegistryAsync(RegistryAddress address, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        using var registry = new RegistryClient(address, credentials);
        await registry.PingAsync(cancellationToken);
    }

    /// <summary>Resolves the Dockerfile's base images (present, pulled or built locally, <paramref name="baseImages"/> first) and records them in the run.</summary>
    public async Task<IReadOnlyList<ResolvedBaseImage>> ResolveBasesAsync(ServiceSettings service, IReadOnlyList<string> baseImages, CancellationToken cancellationToken)
    {
        var resolved = await new BaseImages(await run.DockerAsync(cancellationToken), run.Log, new BaseImageOptions())
            .ResolveAsync(service.ReadDockerfile(), Overrides(baseImages), cancellationToken);
        run.Built.ResolvedBases(resolved.ToDictionary(r => r.Argument, r => r.Used));
        return resolved;
    }

    /// <summary>The BaseImages target: resolves and reports each base image.</summary>
    public async Task BaseImagesAsync(ServiceSettings service, IReadOnlyList<string> baseImages, CancellationToken cancellationToken)
    {
        foreach (var r in await ResolveBasesAsync(service, baseImages, cancellationToken))
            run.Output.Report(r.Argument, $"{r.Used} ({r.Source})");
    }

    /// <summary>True when <paramref name="dockerfile"/> exists and has <paramref name="stage"/> (decided before the run, so it needs no context).</summary>
    public static bool HasStage(string dockerfile, ImageStage stage) => File.Exists(dockerfile) && DockerfileInfo.Read(dockerfile).Stages.Contains(stage.Name);

    /// <summary>Builds <paramref name="service"/>'s <paramref name="stage"/> with the version's local tags and records it.</summary>
    public async Task BuildStageAsync(ServiceSettings service, ImageStage stage, CancellationToken cancellationToken)
    {
        var version = await run.VersionAsync(cancellationToken);
        var tags = ImageTagging.LocalTags(service.ImageName, version, stage.TagSuffix);
        var id = await new StageBuilder(await run.DockerAsync(cancellationToken), run.Log)
            .BuildAsync(service, stage.Name, tags, version, await run.SourceAsync(cancellationToken), run.Built.BaseArguments, cancellationToken);
        run.Built.Built(stage, tags[0]);
        run.Output.Report(tags[0], id[7..19]);
    }

    /// <summary>Runs the production image built in this run with no volumes and checks it by <paramref name="options"/>; throws when a check fails.</summary>
    public async Task ValidateAsync(ValidationOptions options, CancellationToken cancellationToken)
    {
        var image = run.Built.Of(ImageStage.Production)
            ?? throw new OperationFailedException($"No production image was built in this run: run {Commands.ValidateProduction} without --skip.");
        var report = await new ProductionValidator(await run.DockerAsync(cancellationToken), run.Log).ValidateAsync(image, options, cancellationToken);
        run.Output.Print(report.Describe());
        if (!report.Passed)
            throw new OperationFailedException($"{image} failed validation: {string.Join("; ", report.Failures.Select(c => c.Name))}. See the checks, logs and health log above.");
    }

    /// <summary>Tags the images built in this run for <paramref name="image"/>.</summary>
    public async Task TagAsync(ImageRepository image, CancellationToken cancellationToken)
    {
        var tagged = await Publisher(await run.DockerAsync(cancellationToken)).TagAsync(image, await run.VersionAsync(cancellationToken), cancellationToken);
        foreach (var (stage, tags) in tagged)
            run.Output.Report(stage.Name, string.Join(", ", tags));
    }

    /// <summary>Pushes the tagged images to <paramref name="image"/>, reads each digest back and writes <paramref name="releaseFile"/>.</summary>
    public async Task PushAsync(ImageRepository image, RegistryCredentials credentials, string releaseFile, CancellationToken cancellationToken)
    {
        var publisher = Publisher(await run.DockerAsync(cancellationToken));
        foreach (var (stage, pushed) in await publisher.PushAsync(image, await run.VersionAsync(cancellationToken), credentials, releaseFile, cancellationToken))
            run.Output.Report(stage.Name, $"{pushed.Digest[..19]} ({pushed.LayersPushed} layers uploaded)");
    }

    private ReleasePublisher Publisher(global::Docker.DotNet.DockerClient client) => new(client, run.Built, run.Log);
}
