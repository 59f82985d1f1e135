namespace Pipeline.Images;

/// <summary>What to build: a context folder, a Dockerfile, a stage, tags, build arguments and labels.</summary>
public sealed record ImageBuildRequest(string ContextDirectory, string Dockerfile, IReadOnlyList<string> Tags)
{
    /// <summary>The stage to build (<c>--target</c>); the last stage when null.</summary>
    public string? Target { get; init; }

    /// <summary>Build arguments (<c>--build-arg</c>).</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels added to the image.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Ignore the build cache.</summary>
    public bool NoCache { get; init; }
}

/// <summary>An image build failed; the message names the failing step and its last output.</summary>
public sealed class ImageBuildException(string message) : Exception(message);
