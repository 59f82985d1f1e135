using Pipeline.Images.Validation;
using Pipeline.Registry;
using Targets;

partial class Build
{
    [Parameter("Port the service listens on inside its container")] readonly int ContainerPort = 8080;

    [Parameter("Liveness path of the service")] readonly string HealthPath = "/health";

    [Parameter("Readiness path of the service")] readonly string ReadyPath = "/ready";

    [Parameter("Path answering {mode, codeSource}; empty to skip that check")] readonly string VersionPath = "/version";

    [Parameter("How long ValidateProduction waits for the container to become healthy")] readonly TimeSpan ValidationTimeout = TimeSpan.FromSeconds(60);

    [Parameter("ValidateProduction rules this service is exempt from, e.g. json-logs for a third-party image: json-logs, forbidden-files, no-volumes, version-endpoint; default none")] readonly string[] ValidationWaive = [];

    const string CredentialsRequirement = "--registry-password (or REGISTRY_PASSWORD) with --registry-username";

    bool CredentialsValid => RegistryCredentials.Problem(RegistryUsername, RegistryPassword) is null;

    ValidationOptions Validation => new()
    {
        ContainerPort = ContainerPort,
        HealthPath = HealthPath,
        ReadyPath = ReadyPath,
        VersionPath = VersionPath,
        Timeout = ValidationTimeout,
        Waived = ValidationWaive,
    };

    Target ValidateProduction => _ => _
        .Description("Run the production image with no volumes: healthy, answering, non-root, no source files, JSON logs")
        .DependsOn(BuildProdImage)
        .Requires(() => ValidationOptions.WaiverProblem(ValidationWaive) == null, $"--validation-waive to name only {string.Join(", ", ValidationOptions.WaivableRules.Keys)}")
        .Executes(ct => Run.Images.ValidateAsync(Validation, ct));

    Target TagImages => _ => _
        .Description("Tag the images for the registry: <version> and <version>-<sha> (production), <version>-dev, <version>-debug; never latest")
        .DependsOn(BuildImages, BuildDebugImage)
        .Executes(ct => Run.Images.TagAsync(AppImage, ct));

    Target PushImages => _ => _
        .Description("Push the images, read each digest back from the registry, and write artifacts/release.json")
        .DependsOn(TagImages, ValidateProduction)
        .Requires(() => CredentialsValid, CredentialsRequirement)
        .Produces("artifacts/release.json")
        .Executes(ct => Run.Images.PushAsync(AppImage, new RegistryCredentials(RegistryUsername, RegistryPassword), ReleaseFile, ct));
}
