using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Operations;
using Targets;

partial class Build
{
    [Parameter("Name of the service's image (the repository in the registry)")] readonly string ImageName = "app";

    [Parameter("The service's Dockerfile, relative to the repository root")] readonly string Dockerfile = "src/App/Dockerfile";

    [Parameter("The image build context, relative to the repository root")] readonly string Context = "src/App";

    [Parameter("Base image overrides, as ARG=image (e.g. RUNTIME_IMAGE=my/runtime:1)")] readonly string[] BaseImage = [];

    [Parameter("Registry user name (empty for an open registry)")] readonly string? RegistryUsername;

    [Parameter("Registry password or token"), Secret] readonly string? RegistryPassword;

    [Parameter("The release manifest PushImages writes and deployments read")] readonly string ReleaseManifestFile = "artifacts/release.json";

    ServiceSettings Service => new(RootDirectory, ImageName, Dockerfile, Context)
    {
        ContainerPort = ContainerPort,
        HealthPath = HealthPath,
        ReadyPath = ReadyPath,
        VersionPath = VersionPath,
    };

    /// <summary>The service's repository in the registry: <c>--registry</c>/<c>--image-name</c>.</summary>
    ImageRepository AppImage => RegistryAddress.Repository(ImageName);

    Target BaseImages => _ => _
        .Description("Find the Dockerfile's base images: present, pulled, or built locally from the Debian archive")
        .DependsOn(Setup, CheckSettings)
        .Executes(ct => Run.Images.BaseImagesAsync(Service, BaseImage, ct));

    Target BuildDevImage => _ => _
        .Description("Build the development stage (source mounted at run time, hot reload)")
        .DependsOn(BaseImages)
        .Executes(ct => Run.Images.BuildStageAsync(Service, ImageStage.Development, ct));

    Target BuildProdImage => _ => _
        .Description("Build the production stage (published code baked in, non-root, HEALTHCHECK)")
        .DependsOn(BaseImages, Publish)
        .Executes(ct => Run.Images.BuildStageAsync(Service, ImageStage.Production, ct));

    Target BuildImages => _ => _
        .Description("Build both image stages: development and production")
        .DependsOn(BuildDevImage, BuildProdImage);

    Target BuildDebugImage => _ => _
        .Description("Build the debug stage: production plus diagnostics, tagged <version>-debug (skipped when the Dockerfile has none)")
        .DependsOn(BuildProdImage)
        .OnlyWhenStatic(() => ImageOperations.HasStage(RootDirectory / Dockerfile, ImageStage.Debug))
        .Executes(ct => Run.Images.BuildStageAsync(Service, ImageStage.Debug, ct));
}
