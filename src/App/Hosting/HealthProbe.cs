namespace App.Hosting;

/// <summary>
/// <c>App --healthcheck</c>: GETs <c>http://127.0.0.1:PORT/health</c> and exits 0 on 200, else 1, within 3 s,
/// without starting the web host, so an image's <c>HEALTHCHECK</c> needs no curl. In the worker role (no HTTP port) it
/// checks the worker's heartbeat file instead (<see cref="Jobs.WorkerHeartbeat"/>).
/// </summary>
public static class HealthProbe
{
    /// <summary>The command-line switch.</summary>
    public const string Flag = "--healthcheck";

    static readonly TimeSpan Budget = TimeSpan.FromSeconds(2.5);

    /// <summary>Probes once and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> environment, TextWriter output)
    {
        if (!string.Equals(environment.Value(AppRoles.Variable), "worker", StringComparison.OrdinalIgnoreCase))
            return await ProbeHttpAsync(environment, output);
        var problem = Jobs.WorkerHeartbeat.Problem(DateTimeOffset.UtcNow);
        await output.WriteLineAsync(problem is null ? $"healthy: worker heartbeat {Jobs.WorkerHeartbeat.FilePath} is fresh" : $"unhealthy: {problem}");
        return problem is null ? 0 : 1;
    }

    static async Task<int> ProbeHttpAsync(IReadOnlyDictionary<string, string?> environment, TextWriter output)
    {
        var url = $"http://127.0.0.1:{Port(environment)}/health";
        using var timeout = new CancellationTokenSource(Budget);
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = Budget };
        using var client = new HttpClient(handler) { Timeout = Budget };
        try
        {
            using var response = await client.GetAsync(url, timeout.Token);
            var healthy = response.StatusCode == System.Net.HttpStatusCode.OK;
            await output.WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: {url} answered {(int)response.StatusCode}");
            return healthy ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            await output.WriteLineAsync($"unhealthy: {url} did not answer ({e.Message})");
            return 1;
        }
    }

    /// <summary><c>PORT</c>, else the port of the first <c>ASPNETCORE_URLS</c> entry, else <c>ASPNETCORE_HTTP_PORTS</c>, else 8080.</summary>
    public static int Port(IReadOnlyDictionary<string, string?> environment) =>
        ParsePort(environment.Value("PORT"))
        ?? UrlPort(environment.Value("ASPNETCORE_URLS"))
        ?? ParsePort(environment.Value("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0])
        ?? AppSettings.DefaultPort;

    static int? UrlPort(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var normalized = first?.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost");
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) ? uri.Port : null;
    }

    static int? ParsePort(string? text) => int.TryParse(text?.Trim(), out var port) && port is > 0 and <= 65535 ? port : null;
}
