using Pipeline.Images;
using Pipeline.Registry;
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

    static readonly (string Stage, string? Suffix)[] Stages = [("production", null), ("development", "dev"), ("debug", "debug")];

    Target ValidateProduction => _ => _
        .Description("Run the production image with no volumes: healthy, answering, non-root, no source files, JSON logs")
        .DependsOn(BuildProdImage)
        .Executes(async ct =>
        {
            var options = new ValidationOptions
            {
                ContainerPort = ContainerPort,
                HealthPath = HealthPath,
                ReadyPath = ReadyPath,
                VersionPath = VersionPath,
                Timeout = ValidationTimeout,
            };
            var report = await new ProductionValidator(await DockerAsync(ct), Log.Logger).ValidateAsync(builtImages["production"], options, ct);
            Print(report.Describe());
            if (!report.Passed)
                throw new BuildException($"{builtImages["production"]} failed validation: {string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => c.Name))}. See the checks, logs and health log above.");
        });

    Target TagImages => _ => _
        .Description("Tag the images for the registry: <version> and <version>-<sha> (production), <version>-dev, <version>-debug; never latest")
        .DependsOn(BuildImages, BuildDebugImage)
        .Executes(async ct =>
        {
            var client = await DockerAsync(ct);
            var v = await VersionAsync(ct);
            foreach (var (stage, suffix) in Stages.Where(s => builtImages.ContainsKey(s.Stage)))
            {
                foreach (var tag in ImageTagging.Tags(v, suffix))
                    await client.Images.TagImageAsync(builtImages[stage], new() { RepositoryName = $"{Registry}/{ImageName}", Tag = tag }, ct);
                ReportSummary(stage, string.Join(", ", ImageTagging.Tags(v, suffix)));
            }
        });

    Target PushImages => _ => _
        .Description("Push the images, read each digest back from the registry, and write artifacts/release.json")
        .DependsOn(TagImages, ValidateProduction)
        .Produces("artifacts/release.json")
        .Executes(async ct =>
        {
            var v = await VersionAsync(ct);
            var pusher = new ImagePusher(await DockerAsync(ct), Log.Logger);
            var images = new Dictionary<string, string>();
            foreach (var (stage, suffix) in Stages.Where(s => builtImages.ContainsKey(s.Stage)))
            {
                var pushed = await pusher.PushAsync(builtImages[stage], Registry, ImageName, ImageTagging.Tags(v, suffix), Credentials, ct);
                images[stage] = pushed.Reference;
                ReportSummary(stage, $"{pushed.Digest[..19]} ({pushed.LayersPushed} layers uploaded)");
            }
            new ReleaseManifest(v.Version, v.Commit, images).Write(ReleaseFile);
            Log.Information("Wrote {File}", ReleaseFile);
        });
}
