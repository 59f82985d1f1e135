using System.Text.Json;
using Pipeline.Model;

namespace Pipeline.Images.Validation;

/// <summary>HTTP checks against the container's published port on 127.0.0.1.</summary>
internal sealed class HttpChecks(int? port) : IDisposable
{
    /// <summary>The name of the version endpoint's check.</summary>
    public const string VersionCheck = "version endpoint";

    readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<bool> AnswersOkAsync(string path, CancellationToken ct) =>
        port is not null && (await GetAsync(path, ct)).Status == 200;

    public async Task<ValidationCheck> StatusAsync(string name, string path, bool running, CancellationToken ct)
    {
        if (Skip(name, running) is { } skipped)
            return skipped;
        var (status, body, error) = await GetAsync(path, ct);
        return status == 200
            ? new(name, true, $"GET {path} -> 200")
            : new(name, false, $"GET {path} -> {error ?? $"{status}: {Shorten(body)}"}");
    }

    public async Task<ValidationCheck> VersionAsync(string path, bool running, CancellationToken ct)
    {
        const string name = VersionCheck;
        if (Skip(name, running) is { } skipped)
            return skipped;
        var (status, body, error) = await GetAsync(path, ct);
        if (status != 200)
            return new(name, false, $"GET {path} -> {error ?? $"{status}: {Shorten(body)}"}");
        try
        {
            using var json = JsonDocument.Parse(body);
            var mode = Property(json.RootElement, "mode");
            var source = Property(json.RootElement, "codeSource");
            var said = $"mode={mode ?? "(missing)"}, codeSource={source ?? "(missing)"}";
            return mode == ImageStage.Production.Name && source == "container-baked"
                ? new(name, true, said)
                : new(name, false, $"{said}; expected mode={ImageStage.Production.Name}, codeSource=container-baked: this is not a production build");
        }
        catch (JsonException)
        {
            return new(name, false, $"GET {path} is not JSON: {Shorten(body)}");
        }
    }

    ValidationCheck? Skip(string name, bool running) =>
        !running ? new(name, false, "not checked: container not running")
        : port is null ? new(name, false, "not checked: the container port is not published")
        : null;

    async Task<(int Status, string Body, string? Error)> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"), ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (0, "", e.GetBaseException().Message);
        }
    }

    static string? Property(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) ? value.ToString() : null;

    static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200] + "...";

    public void Dispose() => http.Dispose();
}
