namespace Pipeline.Images.Validation;

/// <summary>What <see cref="ProductionValidator"/> expects of a production image.</summary>
public sealed record ValidationOptions
{
    /// <summary>The port the service listens on inside the container; published on 127.0.0.1 with a random host port.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>The liveness path that must answer 200.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>The readiness path that must answer 200.</summary>
    public string ReadyPath { get; init; } = "/ready";

    /// <summary>The path answering JSON with <c>mode</c> and <c>codeSource</c>; null or empty skips the version check.</summary>
    public string? VersionPath { get; init; } = "/version";

    /// <summary>How long the container may take to become healthy.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The production settings passed to the container as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>File name patterns (<c>*</c>, <c>?</c>) that must not occur in the image; a pattern with <c>/</c> matches the full path.</summary>
    public IReadOnlyList<string> ForbiddenFilePatterns { get; init; } = ["*.cs", "*.csproj"];

    /// <summary>
    /// Rules this service is exempt from, by key (see <see cref="WaivableRules"/>): they still run and are reported, as WAIVED
    /// when they fail, but do not fail the validation. For third-party images that cannot meet them; empty by default.
    /// </summary>
    public IReadOnlyList<string> Waived { get; init; } = [];

    /// <summary>The rules a service may be exempted from, by key, with the check each one names. Safety rules (health, non-root) are not among them.</summary>
    public static readonly IReadOnlyDictionary<string, string> WaivableRules = new Dictionary<string, string>
    {
        ["json-logs"] = LogCheck.Name,
        ["forbidden-files"] = ForbiddenFilesCheck.Name,
        ["no-volumes"] = ImageChecks.NoVolumes,
        ["version-endpoint"] = HttpChecks.VersionCheck,
    };

    /// <summary>Why <paramref name="keys"/> cannot be waived (an unknown key), or null when they all can.</summary>
    public static string? WaiverProblem(IEnumerable<string> keys) =>
        keys.FirstOrDefault(k => !WaivableRules.ContainsKey(k)) is { } unknown
            ? $"'{unknown}' is not a validation rule that can be waived: use {string.Join(", ", WaivableRules.Keys)}"
            : null;
}
