using System.Text;

namespace Pipeline.Scenarios;

internal sealed partial class StepRunner
{
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
