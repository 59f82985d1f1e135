using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Images;

/// <summary>Builds images through the Engine API, logging each build step as it happens.</summary>
public sealed class ImageBuilder(DockerClient client, ILogger log)
{
    /// <summary>Builds the image, tags it, and returns its id; throws <see cref="ImageBuildException"/> naming the failing step.</summary>
    public async Task<string> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        var dockerfile = Path.GetFullPath(request.Dockerfile, request.ContextDirectory);
        var info = DockerfileInfo.Read(dockerfile);
        if (request.Target is not null)
            info.RequireStage(request.Target);
        if (!Directory.Exists(request.ContextDirectory))
            throw new ImageBuildException($"The build context {request.ContextDirectory} does not exist. Pass --context <folder>.");
        foreach (var tag in request.Tags)
            ImageReference.Parse(tag);

        var (tar, inContext) = await BuildContext.CreateAsync(request.ContextDirectory, dockerfile, cancellationToken);
        await using var _ = tar;
        var progress = new BuildProgress(log);
        var parameters = new ImageBuildParameters
        {
            Dockerfile = inContext,
            Tags = [.. request.Tags],
            Target = request.Target,
            BuildArgs = request.BuildArgs.ToDictionary(),
            Labels = request.Labels.ToDictionary(),
            NoCache = request.NoCache,
            Remove = true,
            ForceRemove = true,
        };
        await client.Images.BuildImageFromDockerfileAsync(parameters, tar, [], new Dictionary<string, string>(), progress, cancellationToken);
        if (progress.Error is not null)
            throw new ImageBuildException(progress.Describe(request.Target ?? "last"));
        var image = await client.Images.InspectImageAsync(request.Tags[0], cancellationToken);
        return image.ID;
    }
}

/// <summary>Logs build output line by line and remembers the current step and the last lines, for the error message.</summary>
internal sealed class BuildProgress(ILogger log) : IProgress<JSONMessage>
{
    readonly Queue<string> tail = new();
    string? step;

    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        foreach (var line in (value.Stream ?? value.Status ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("Step ", StringComparison.Ordinal))
                step = line.Trim();
            tail.Enqueue(line.TrimEnd());
            if (tail.Count > 15)
                tail.Dequeue();
            log.Information("build: {Line:l}", line.TrimEnd());
        }
        if (value.Error?.Message is { } error)
        {
            Error = error;
            log.Information("build: {Line:l}", error);
        }
    }

    public string Describe(string stage) =>
        $"Building stage '{stage}' failed{(step is null ? "" : $" at {step}")}: {Error}\nLast output:\n  {string.Join("\n  ", tail)}";
}
