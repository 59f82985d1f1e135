namespace Pipeline.Scenarios;

/// <summary>One end-to-end scenario: steps run in order against the service; a failing step stops the scenario.</summary>
/// <param name="Name">The scenario's name, unique among the loaded scenarios.</param>
/// <param name="Smoke">True when the scenario belongs to the post-deploy smoke set.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Source">The file the scenario was loaded from.</param>
public sealed record Scenario(string Name, bool Smoke, IReadOnlyList<ScenarioStep> Steps, string Source);

/// <summary>One request, what its answer must look like, and what to remember from it.</summary>
/// <param name="Name">What the step does, as shown in reports.</param>
/// <param name="Request">The request to send.</param>
/// <param name="Expect">What the (final) answer must satisfy.</param>
/// <param name="Capture">Variables to set from the answer: name to JSON path.</param>
/// <param name="Poll">When set, the request is repeated until the answer satisfies <see cref="ScenarioPoll.Until"/>.</param>
public sealed record ScenarioStep(
    string Name, ScenarioRequest Request, ScenarioExpectation Expect, IReadOnlyDictionary<string, JsonPath> Capture, ScenarioPoll? Poll);

/// <summary>An HTTP request; the path, body and header values may hold <c>${name}</c> placeholders.</summary>
/// <param name="Method">GET, POST, PUT, PATCH, DELETE or HEAD.</param>
/// <param name="Path">The path below the service's base address, starting with <c>/</c>.</param>
/// <param name="Body">The JSON body, or null for none.</param>
/// <param name="Headers">Extra request headers.</param>
public sealed record ScenarioRequest(string Method, string Path, System.Text.Json.Nodes.JsonNode? Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The methods a request may use.</summary>
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];
}

/// <summary>What an answer must satisfy.</summary>
/// <param name="Status">The accepted status codes, or null for any 2xx.</param>
/// <param name="Json">Assertions on the JSON body, all of which must hold.</param>
public sealed record ScenarioExpectation(IReadOnlyList<int>? Status, IReadOnlyList<JsonAssertion> Json)
{
    /// <summary>Null when <paramref name="actual"/> is an accepted status code, else what was expected.</summary>
    public AssertionFailure? CheckStatus(int? actual) => Status switch
    {
        null when actual is >= 200 and < 300 => null,
        null => new AssertionFailure("status 2xx", "a 2xx status", $"{actual}"),
        [var only] when actual == only => null,
        [var only] => new AssertionFailure($"status {only}", $"{only}", $"{actual}"),
        _ when actual is { } a && Status.Contains(a) => null,
        _ => new AssertionFailure($"status in [{string.Join(", ", Status)}]", $"one of {string.Join(", ", Status)}", $"{actual}"),
    };
}

/// <summary>Repeat a request every <paramref name="Interval"/> until every assertion of <paramref name="Until"/> holds, for at most <paramref name="Timeout"/>.</summary>
/// <param name="Until">The conditions that end the polling.</param>
/// <param name="Timeout">How long to keep polling before the step fails.</param>
/// <param name="Interval">The pause between two requests.</param>
public sealed record ScenarioPoll(IReadOnlyList<JsonAssertion> Until, TimeSpan Timeout, TimeSpan Interval)
{
    /// <summary>Used when a poll gives no timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Used when a poll gives no interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);
}
