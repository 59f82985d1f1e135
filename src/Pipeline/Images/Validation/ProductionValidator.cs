using Docker.DotNet;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Images.Validation;

/// <summary>
/// Runs a production image the way production would (no mounts, production settings) in a throw-away container
/// and checks it: healthy, endpoints answer, production build, non-root, no source files, JSON logs.
/// </summary>
public sealed class ProductionValidator(DockerClient client, ILogger log)
{
    /// <summary>Validates <paramref name="image"/>; the container is always removed, also on failure and cancellation.</summary>
    public async Task<ValidationReport> ValidateAsync(string image, ValidationOptions options, CancellationToken ct)
    {
        var config = (await InspectAsync(image, ct)).Config ?? new();
        var name = $"validate-{Guid.NewGuid():N}";
        log.Information("Validating {Image} in container {Container}", image, name);
        try
        {
            var id = await ValidationContainer.CreateAsync(client, image, name, options, ct);
            var startError = await ValidationContainer.StartAsync(client, id, ct);
            var started = await client.Containers.InspectContainerAsync(id, ct);
            using var http = new HttpChecks(ValidationContainer.HostPort(started, options.ContainerPort));
            var checks = new List<ValidationCheck> { ImageChecks.Volumes(config, started.Mounts), ImageChecks.Healthcheck(config) };
            checks.Add(startError is not null
                ? new("healthy", false, $"the container did not start: {startError}")
                : await HealthWait.RunAsync(client, id, ImageChecks.HasHealthcheck(config), c => http.AnswersOkAsync(options.HealthPath, c), options.Timeout, ct));
            var container = await client.Containers.InspectContainerAsync(id, ct);
            var running = container.State?.Running == true;
            checks.Add(await http.StatusAsync("health endpoint", options.HealthPath, running, ct));
            checks.Add(await http.StatusAsync("ready endpoint", options.ReadyPath, running, ct));
            if (!string.IsNullOrEmpty(options.VersionPath))
                checks.Add(await http.VersionAsync(options.VersionPath, running, ct));
            checks.Add(ImageChecks.User(config));
            checks.Add(await GuardAsync(ProcessUserCheck.Name, () => ProcessUserCheck.RunAsync(client, container, ct)));
            checks.Add(await GuardAsync(ForbiddenFilesCheck.Name, () => ForbiddenFilesCheck.RunAsync(client, id, options.ForbiddenFilePatterns, ct)));
            var (logs, tail) = await LogCheck.RunAsync(client, id, 50, ct);
            checks.Add(logs);
            var health = HealthWait.Log(await client.Containers.InspectContainerAsync(id, ct));
            var waived = options.Waived.Select(k => ValidationOptions.WaivableRules[k]).ToHashSet();
            var report = new ValidationReport(image, [.. checks.Select(c => c with { Waived = !c.Passed && waived.Contains(c.Name) })], tail, health);
            foreach (var check in report.Checks)
                log.Information("{Result} {Check}: {Detail}", check.Verdict, check.Name, check.Detail);
            return report;
        }
        finally
        {
            await Remover.ContainerAsync(client, name, removeVolumes: true, CancellationToken.None);
            log.Debug("Removed validation container {Container}", name);
        }
    }

    static async Task<ValidationCheck> GuardAsync(string name, Func<Task<ValidationCheck>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e) when (e is DockerApiException or InvalidDataException or IOException)
        {
            return new(name, false, $"could not check: {e.GetBaseException().Message}");
        }
    }

    async Task<global::Docker.DotNet.Models.ImageInspectResponse> InspectAsync(string image, CancellationToken ct)
    {
        try
        {
            return await client.Images.InspectImageAsync(image, ct);
        }
        catch (DockerImageNotFoundException e)
        {
            throw new InvalidOperationException($"The image {image} is not on the engine: build it first ('{Commands.BuildProdImage}') or pull it, then validate again.", e);
        }
    }
}
