namespace Pipeline.Model;

/// <summary>A stage of the service's multi-target Dockerfile, and the suffix its registry tags carry.</summary>
/// <param name="Name">The Dockerfile stage, such as <c>production</c>.</param>
/// <param name="TagSuffix">The tag suffix (<c>1.2.3-dev</c>), or null for plain version tags.</param>
public sealed record ImageStage(string Name, string? TagSuffix)
{
    /// <summary>The production stage: code baked in, non-root; what environments run.</summary>
    public static ImageStage Production { get; } = new("production", null);

    /// <summary>The development stage: source mounted, hot reload.</summary>
    public static ImageStage Development { get; } = new("development", "dev");

    /// <summary>The debug stage: production plus diagnostics.</summary>
    public static ImageStage Debug { get; } = new("debug", "debug");

    /// <summary>Every stage, in push order.</summary>
    public static IReadOnlyList<ImageStage> All { get; } = [Production, Development, Debug];

    /// <inheritdoc />
    public override string ToString() => Name;
}
