using Pipeline.Development;
using Pipeline.Images;

namespace Pipeline.Operations;

/// <summary>The development loop's targets on the environment <paramref name="dev"/>: check, restore, image, start, stop, restart, status, logs, clean.</summary>
public sealed class DevOperations(PipelineContext run, DevSettings dev)
{
    private DevSettings Dev => dev;

    /// <summary>Fails fast, before any build, on a bad source folder, port or compose file.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken) => await (await EnvironmentAsync(run.Log, cancellationToken)).CheckAsync(cancellationToken);

    /// <summary>Restores the mounted project on the host, so the container finds its packages offline.</summary>
    public async Task RestorePackagesAsync(CancellationToken cancellationToken)
    {
        var work = Path.Combine(run.Settings.RootDirectory, ".nuke", "temp", "dev-restore", Dev.ProjectName);
        var restored = await new DevPackages(Dev, work, run.Log).RestoreAsync(cancellationToken);
        run.Output.Report("", restored ? "restored" : "up to date");
    }

    /// <summary>Builds the development image of <paramref name="service"/> when it is missing or the Dockerfile's development stage changed.</summary>
    public async Task BuildImageAsync(ServiceSettings service, IReadOnlyList<string> baseImages, CancellationToken cancellationToken)
    {
        var fingerprint = DevStageFingerprint.Compute(service.DockerfilePath, service.ContextPath, baseImages);
        var image = new DevImage(await run.DockerAsync(cancellationToken), run.Log);
        if (await image.WhyBuildAsync(Dev, fingerprint, cancellationToken) is not { } why)
        {
            run.Output.Report("", $"{Dev.Image} up to date");
            return;
        }
        run.Log.Information("Building the development image: {Why}", why);
        await run.Images.ResolveBasesAsync(service, baseImages, cancellationToken);
        var id = await image.BuildAsync(Dev, service.DockerfilePath, service.ContextPath, fingerprint, run.Built.BaseArguments, cancellationToken);
        run.Output.Report(Dev.Image, id[7..19]);
    }

    /// <summary>Starts the environment, waits until healthy, and prints its status and the guide.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("development", "dev-start");
        var dev = await EnvironmentAsync(log, cancellationToken);
        await dev.UpAsync(cancellationToken);
        var took = await dev.WaitHealthyAsync(timeout, cancellationToken);
        var status = await dev.StatusAsync(cancellationToken);
        run.Output.Print(w => DevStatusTable.Write(w, status, DateTimeOffset.UtcNow));
        run.Output.Print(w => DevGuide.Write(w, Dev, status));
        run.Output.Report("", $"healthy on {Dev.Url} after {took.TotalSeconds:0} s");
    }

    /// <summary>Stops the environment, keeping its volumes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("development", "dev-stop");
        var stopped = await (await EnvironmentAsync(log, cancellationToken)).StopAsync(cancellationToken);
        run.Output.Report("", stopped ? $"{Dev.ProjectName} stopped" : "was not running");
        if (!stopped)
            run.Log.Information("The development environment ({Project}) is not running: nothing to stop", Dev.ProjectName);
    }

    /// <summary>Restarts the container without rebuilding the image and waits until healthy.</summary>
    public async Task RestartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("development", "dev-restart");
        var took = await (await EnvironmentAsync(log, cancellationToken)).RestartAsync(timeout, cancellationToken);
        run.Output.Report("", $"healthy on {Dev.Url} after {took.TotalSeconds:0} s");
    }

    /// <summary>Prints the environment's services: state, health, ports, uptime, restarts, image.</summary>
    public async Task StatusAsync(CancellationToken cancellationToken)
    {
        var status = await (await EnvironmentAsync(run.Log, cancellationToken)).StatusAsync(cancellationToken);
        run.Output.Print(w => DevStatusTable.Write(w, status, DateTimeOffset.UtcNow));
    }

    /// <summary>Prints the last <paramref name="tail"/> lines of <paramref name="service"/>'s log (colored on a terminal), following when asked.</summary>
    public async Task LogsAsync(string? service, int tail, bool follow, CancellationToken cancellationToken)
    {
        var logs = new DevLogs(await run.DockerAsync(cancellationToken), Dev);
        var container = await logs.FindAsync(service, cancellationToken);
        var color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        await logs.WriteAsync(container.Id, tail, follow, line => run.Output.Print(color ? LogLevels.Colorize(line) : line), cancellationToken);
    }

    /// <summary>Removes the environment's containers, volumes, networks and images.</summary>
    public async Task CleanAsync(CancellationToken cancellationToken)
    {
        using var log = run.Output.AreaLog("development", "dev-clean");
        var report = await new DevClean(await run.DockerAsync(cancellationToken), Dev, log).RunAsync(cancellationToken);
        run.Output.Print(w => report.Write(w, Dev.ProjectName));
        run.Output.Report("", report.IsEmpty ? "nothing to remove"
            : $"{report.Containers.Count} container(s), {report.Volumes.Count} volume(s), {report.Networks.Count} network(s), {report.Images.Count} image(s)");
    }

    private async Task<DevEnvironment> EnvironmentAsync(Serilog.ILogger log, CancellationToken cancellationToken) =>
        new(Dev, await run.ComposeAsync(cancellationToken), await run.DockerAsync(cancellationToken), log);
}
