using Pipeline.Images;
using Pipeline.Images.Validation;
using Pipeline.Model;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Port the service listens on inside its container")]
    readonly int ContainerPort = 8080;

    [Parameter("Liveness path of the service")]
    readonly string HealthPath = "/health";

    [Parameter("Readiness path of the service")]
    readonly string ReadyPath = "/ready";

    [Parameter("Path answering {mode, codeSource}; empty to skip that check")]
    readonly string VersionPath = "/version";

    [Parameter("How long ValidateProduction waits for the container to become healthy")]
    readonly TimeSpan ValidationTimeout = TimeSpan.FromSeconds(60);

    [Parameter("ValidateProduction rules this service is exempt from, e.g. json-logs for a third-party image: json-logs, forbidden-files, no-volumes, version-endpoint; default none")]
    readonly string[] ValidationWaive = [];

    Target ValidateProduction => _ => _
        .Description("Run the production image with no volumes: healthy, answering, non-root, no source files, JSON logs")
        .DependsOn(BuildProdImage)
        .Requires(() => ValidationOptions.WaiverProblem(ValidationWaive) == null, $"--validation-waive to name only {string.Join(", ", ValidationOptions.WaivableRules.Keys)}")
        .Executes(async ct =>
        {
            var options = new ValidationOptions
            {
                ContainerPort = ContainerPort,
                HealthPath = HealthPath,
                ReadyPath = ReadyPath,
                VersionPath = VersionPath,
                Timeout = ValidationTimeout,
                Waived = ValidationWaive,
            };
            var image = Run.Built.Of(ImageStage.Production) ?? throw new BuildException($"No production image was built in this run: run {Pipeline.Commands.ValidateProduction} without --skip.");
            var report = await new ProductionValidator(await Run.DockerAsync(ct), Log.Logger).ValidateAsync(image, options, ct);
            Print(report.Describe());
            if (!report.Passed)
                throw new BuildException($"{image} failed validation: {string.Join("; ", report.Failures.Select(c => c.Name))}. See the checks, logs and health log above.");
        });

    Target TagImages => _ => _
        .Description("Tag the images for the registry: <version> and <version>-<sha> (production), <version>-dev, <version>-debug; never latest")
        .DependsOn(BuildImages, BuildDebugImage)
        .Executes(async ct =>
        {
            var tagged = await new ReleasePublisher(await Run.DockerAsync(ct), Run.Built, Log.Logger).TagAsync(AppService.Image!, await Run.VersionAsync(ct), ct);
            foreach (var (stage, tags) in tagged)
                ReportSummary(stage.Name, string.Join(", ", tags));
        });

    Target PushImages => _ => _
        .Description("Push the images, read each digest back from the registry, and write artifacts/release.json")
        .DependsOn(TagImages, ValidateProduction)
        .Requires(() => CredentialsValid, CredentialsRequirement)
        .Produces("artifacts/release.json")
        .Executes(async ct =>
        {
            var publisher = new ReleasePublisher(await Run.DockerAsync(ct), Run.Built, Log.Logger);
            foreach (var (stage, pushed) in await publisher.PushAsync(AppService.Image!, await Run.VersionAsync(ct), Credentials, ReleaseFile, ct))
                ReportSummary(stage.Name, $"{pushed.Digest[..19]} ({pushed.LayersPushed} layers uploaded)");
        });
}
