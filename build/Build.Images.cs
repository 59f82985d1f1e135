using Pipeline.Images;
using Pipeline.Images.Base;
using Pipeline.Model;
using Pipeline.Registry;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Name of the service's image (the repository in the registry)")]
    readonly string ImageName = "app";

    [Parameter("The service's Dockerfile, relative to the repository root")]
    readonly string Dockerfile = "src/App/Dockerfile";

    [Parameter("The image build context, relative to the repository root")]
    readonly string Context = "src/App";

    [Parameter("Base image overrides, as ARG=image (e.g. RUNTIME_IMAGE=my/runtime:1)")]
    readonly string[] BaseImage = [];

    [Parameter("Registry user name (empty for an open registry)")]
    readonly string? RegistryUsername;

    [Parameter("Registry password or token"), Secret]
    readonly string? RegistryPassword;

    ServiceSettings Service => new(RootDirectory, ImageName, Dockerfile, Context)
    {
        ContainerPort = ContainerPort,
        HealthPath = HealthPath,
        ReadyPath = ReadyPath,
        VersionPath = VersionPath,
    };

    [Parameter("The release manifest PushImages writes and deployments read")]
    readonly string ReleaseManifestFile = "artifacts/release.json";

    RegistryCredentials Credentials => new(RegistryUsername, RegistryPassword);
    bool CredentialsValid => RegistryCredentials.Problem(RegistryUsername, RegistryPassword) is null;
    const string CredentialsRequirement = "--registry-password (or REGISTRY_PASSWORD) with --registry-username";
    AbsolutePath ReleaseFile => RootDirectory / ReleaseManifestFile;

    Target BaseImages => _ => _
        .Description("Find the Dockerfile's base images: present, pulled, or built locally from the Debian archive")
        .DependsOn(Setup, CheckSettings)
        .Executes(async ct =>
        {
            foreach (var r in await ResolveBaseImagesAsync(ct))
                ReportSummary(r.Argument, $"{r.Used} ({r.Source})");
        });

    /// <summary>Resolves the Dockerfile's base images (present, pulled or built locally) and records them in the run.</summary>
    async Task<IReadOnlyList<ResolvedBaseImage>> ResolveBaseImagesAsync(CancellationToken ct)
    {
        var resolved = await new BaseImages(await Run.DockerAsync(ct), Log.Logger, new BaseImageOptions()).ResolveAsync(Service.ReadDockerfile(), Overrides(), ct);
        Run.Built.ResolvedBases(resolved.ToDictionary(r => r.Argument, r => r.Used));
        return resolved;
    }

    Dictionary<string, string> Overrides() => BaseImage
        .Select(o => o.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : throw new BuildException($"--base-image '{p[0]}' must be ARG=image, e.g. RUNTIME_IMAGE=my/runtime:1."));

    Target BuildDevImage => _ => _
        .Description("Build the development stage (source mounted at run time, hot reload)")
        .DependsOn(BaseImages)
        .Executes(async ct => await BuildStageAsync(ImageStage.Development, ct));

    Target BuildProdImage => _ => _
        .Description("Build the production stage (published code baked in, non-root, HEALTHCHECK)")
        .DependsOn(BaseImages, Publish)
        .Executes(async ct => await BuildStageAsync(ImageStage.Production, ct));

    Target BuildImages => _ => _
        .Description("Build both image stages: development and production")
        .DependsOn(BuildDevImage, BuildProdImage);

    Target BuildDebugImage => _ => _
        .Description("Build the debug stage: production plus diagnostics, tagged <version>-debug (skipped when the Dockerfile has none)")
        .DependsOn(BuildProdImage)
        .OnlyWhenStatic(() => HasStage(ImageStage.Debug))
        .Executes(async ct => await BuildStageAsync(ImageStage.Debug, ct));

    bool HasStage(ImageStage stage) => File.Exists(Service.DockerfilePath) && Service.ReadDockerfile().Stages.Contains(stage.Name);

    async Task BuildStageAsync(ImageStage stage, CancellationToken ct)
    {
        var v = await Run.VersionAsync(ct);
        var tags = ImageTagging.LocalTags(ImageName, v, stage.TagSuffix);
        var id = await new StageBuilder(await Run.DockerAsync(ct), Log.Logger).BuildAsync(Service, stage.Name, tags, v, await Run.SourceAsync(ct), Run.Built.BaseArguments, ct);
        Run.Built.Built(stage, tags[0]);
        ReportSummary(tags[0], id[7..19]);
    }
}
