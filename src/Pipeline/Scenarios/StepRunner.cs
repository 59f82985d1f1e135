using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Docker;

namespace Pipeline.Scenarios;

/// <summary>Runs one step: sends its request (repeatedly when it polls), checks the answer and captures variables.</summary>
internal sealed class StepRunner(HttpClient http, ScenarioRunOptions options)
{
    public async Task<StepResult> RunAsync(ScenarioStep step, ScenarioVariables variables, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var progress = new StepProgress();
        AssertionFailure? failure = null;
        string? error = null;
        try
        {
            (failure, error) = await ExecuteAsync(step, variables, progress, ct);
        }
        catch (ScenarioException e)
        {
            error = e.Message;
        }
        catch (HttpRequestException e)
        {
            error = $"{progress.Request} could not reach {http.BaseAddress}: {e.Message}. Check that the service runs and listens there.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"{progress.Request} got no answer within {Show(options.RequestTimeout)}: the service is down or too slow (raise the request timeout if it is expected).";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or RegexMatchTimeoutException)
        {
            error = $"The step cannot be checked: {e.Message}";
        }
        return progress.Result(step.Name, clock.Elapsed, failure, error);
    }

    async Task<(AssertionFailure?, string?)> ExecuteAsync(ScenarioStep step, ScenarioVariables variables, StepProgress progress, CancellationToken ct)
    {
        await SendAsync(step.Request, variables, progress, ct);
        if (step.Poll is { } poll && await PollAsync(step.Request, poll, variables, progress, ct) is { } waiting)
            return (waiting, $"Polling timed out after {Show(poll.Timeout)} ({progress.Attempts} attempts): the answer never satisfied {string.Join(" and ", poll.Until.Select(a => a.Describe()))}.");
        if ((step.Expect.CheckStatus(progress.Status) ?? FirstFailure(step.Expect.Json, variables, progress)) is { } failure)
            return (failure, null);
        foreach (var (name, path) in step.Capture)
        {
            if (!path.TrySelect(progress.Json, out var value))
                return (null, $"Cannot capture '{name}': the answer has nothing at {path}.");
            variables.Capture(name, value);
        }
        return (null, null);
    }

    /// <summary>Sends the request again every interval until the answer satisfies the poll; the failure still open when time ran out, or null.</summary>
    async Task<AssertionFailure?> PollAsync(ScenarioRequest request, ScenarioPoll poll, ScenarioVariables variables, StepProgress progress, CancellationToken ct)
    {
        var looks = 0;
        AssertionFailure? waiting = null;
        var satisfied = await Poll.UntilTrueAsync(
            async token =>
            {
                if (looks++ > 0)
                    await SendAsync(request, variables, progress, token);
                waiting = FirstFailure(poll.Until, variables, progress);
                return waiting is null;
            },
            new PollOptions(poll.Interval, poll.Timeout), ct);
        return satisfied ? null : waiting;
    }

    static AssertionFailure? FirstFailure(IEnumerable<JsonAssertion> assertions, ScenarioVariables variables, StepProgress progress)
    {
        var failure = assertions.Select(a => a.Check(progress.Json, variables)).FirstOrDefault(f => f is not null);
        return failure is not null && progress.Json is null ? failure with { Actual = $"{failure.Actual} (the body is not JSON)" } : failure;
    }

    internal static string Show(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0} ms" : $"{span.TotalSeconds:0.#} s";

    async Task SendAsync(ScenarioRequest request, ScenarioVariables variables, StepProgress progress, CancellationToken ct)
    {
        var path = variables.Substitute(request.Path);
        progress.Sending($"{request.Method} {path}");
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(path, UriKind.Relative));
        if (request.Body is not null)
            message.Content = new StringContent(JsonValues.Show(variables.Resolve(request.Body)), Encoding.UTF8, "application/json");
        foreach (var (name, value) in request.Headers)
        {
            var text = variables.Substitute(value);
            if (!message.Headers.TryAddWithoutValidation(name, text) && message.Content?.Headers.TryAddWithoutValidation(name, text) != true)
                throw new ScenarioException($"The header '{name}' cannot be sent with {request.Method} {path}: check its name (content headers need a body).");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        using var response = await http.SendAsync(message, timeout.Token);
        progress.Answered((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }
}
