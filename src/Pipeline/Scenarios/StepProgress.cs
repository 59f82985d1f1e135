using System.Text.Json.Nodes;

namespace Pipeline.Scenarios;

/// <summary>What a step has sent and received so far: the last request and answer, and how many requests were made.</summary>
internal sealed class StepProgress
{
    public string? Request { get; private set; }

    public int Attempts { get; private set; }

    public int? Status { get; private set; }

    public string? Body { get; private set; }

    public JsonNode? Json { get; private set; }

    public void Sending(string request)
    {
        Request = request;
        Attempts++;
        (Status, Body, Json) = (null, null, null);
    }

    public void Answered(int status, string body) => (Status, Body, Json) = (status, body, JsonValues.TryParse(body));

    public StepResult Result(string name, TimeSpan duration, AssertionFailure? failure, string? error) =>
        new(name, failure is null && error is null ? ScenarioStatus.Passed : ScenarioStatus.Failed, duration)
        {
            Request = Request,
            ResponseStatus = Status,
            Attempts = Attempts,
            Failure = failure,
            Error = error,
            ResponseExcerpt = Body is null ? null : StepResult.Excerpt(Body),
        };
}
