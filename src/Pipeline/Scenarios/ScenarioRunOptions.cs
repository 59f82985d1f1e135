namespace Pipeline.Scenarios;

/// <summary>How a scenario run goes.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>Run only the scenarios marked <c>"smoke": true</c> (post-deploy verification).</summary>
    public bool SmokeOnly { get; init; }

    /// <summary>How long one request may take before its step fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The environment under test (e.g. staging), recorded in the report.</summary>
    public string EnvironmentName { get; init; } = "local";

    /// <summary>The variables <c>${env.NAME}</c> reads; null for the process environment.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    /// <summary>The value of <c>${unique}</c>; null for a new one (UTC time plus random digits).</summary>
    public string? Unique { get; init; }

    internal IReadOnlyDictionary<string, string> Variables() =>
        EnvironmentVariables ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);

    internal string NewUnique() =>
        Unique ?? $"{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(0x100000, 0xFFFFFF):x6}";
}
