using System.Text.Json.Serialization;
using Pipeline.Output;

namespace Pipeline.Scenarios;

/// <summary>How one step went. Every text in it has had secrets replaced by <c>***</c>.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Status">Passed, failed or not run.</param>
/// <param name="Duration">From the first request to the last check.</param>
public sealed record StepResult(string Name, ScenarioStatus Status, [property: JsonIgnore] TimeSpan Duration)
{
    /// <summary>The longest response body excerpt a result keeps.</summary>
    public const int ExcerptLength = 500;

    /// <summary>The duration in milliseconds, as the JSON report gives it.</summary>
    public long DurationMs => (long)Duration.TotalMilliseconds;

    /// <summary>The last request sent, e.g. <c>GET /api/jobs/7</c>.</summary>
    public string? Request { get; init; }

    /// <summary>The last answer's status code, or null when none came.</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>How many requests were sent (more than one when polling).</summary>
    public int Attempts { get; init; }

    /// <summary>The assertion that did not hold, with expected and actual values.</summary>
    public AssertionFailure? Failure { get; init; }

    /// <summary>Why the step failed, in words (includes poll time-outs and connection errors).</summary>
    public string? Error { get; init; }

    /// <summary>The start of the last answer's body, cut at <see cref="ExcerptLength"/> characters.</summary>
    public string? ResponseExcerpt { get; init; }

    [JsonIgnore]
    internal string Detail => Error ?? Failure?.Describe() ?? $"{Request} -> {ResponseStatus}";

    internal static string Excerpt(string body) =>
        body.Length <= ExcerptLength ? body : $"{body[..ExcerptLength]}... ({body.Length - ExcerptLength} more characters)";

    internal StepResult Redacted(ISecretMasker mask) => this with
    {
        Request = Request is null ? null : mask.Mask(Request),
        Failure = Failure?.Redacted(mask),
        Error = Error is null ? null : mask.Mask(Error),
        ResponseExcerpt = ResponseExcerpt is null ? null : mask.Mask(ResponseExcerpt),
    };
}
