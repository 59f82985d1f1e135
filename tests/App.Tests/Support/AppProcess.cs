using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace App.Tests.Support;

/// <summary>
/// The real service in its own process (<c>dotnet App.dll</c>), listening on a free loopback port with its own data
/// folder. Disposing kills it if it still runs; the data folder belongs to the caller.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _stdout = new();
    readonly ConcurrentQueue<string> _stderr = new();

    AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> StandardOutput => [.. _stdout];

    public string Output => string.Join('\n', _stdout) + "\n--- stderr ---\n" + string.Join('\n', _stderr);

    /// <summary>Starts the app and waits until <c>/health</c> answers 200.</summary>
    public static Task<AppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(AppBinary.Dll, dataDirectory, environment);

    /// <summary>Starts the App.dll at <paramref name="dll"/> (a copy of the build) and waits until <c>/health</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string dll, string dataDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var app = Launch(dll, dataDirectory, environment);
        try
        {
            await app.WaitHealthyAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>
    /// Starts the app in the worker role (<c>APP_ROLE=worker</c>, no HTTP server) and waits until its host has started.
    /// <see cref="Port"/> is a port given to it as <c>PORT</c> and <c>ASPNETCORE_URLS</c>, on which nothing should listen.
    /// </summary>
    public static async Task<AppProcess> StartWorkerAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var app = Launch(AppBinary.Dll, dataDirectory, new Dictionary<string, string>(environment) { ["APP_ROLE"] = "worker" });
        try
        {
            await app.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(20));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    static AppProcess Launch(string dll, string dataDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var port = Ports.Free();
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["PORT"] = port.ToString(),
            ["DATA_DIR"] = dataDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            variables[name] = value;
        var process = new Process { StartInfo = AppBinary.StartInfo(dll, variables), EnableRaisingEvents = true };
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._stderr.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until a line of standard output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_stdout.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it printed '{text}':\n{Output}");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The app did not print '{text}' within {timeout}:\n{Output}");
            await Task.Delay(50);
        }
    }

    async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The app did not answer /health within {timeout}:\n{Output}");
    }

    Stopwatch? _sinceTerminate;

    /// <summary>Sends SIGTERM, as <c>docker stop</c> does, without waiting.</summary>
    public void SendTerminate()
    {
        _sinceTerminate = Stopwatch.StartNew();
        Signals.Terminate(_process.Id);
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code and how long it took.</summary>
    public Task<(int ExitCode, TimeSpan Elapsed)> TerminateAsync()
    {
        SendTerminate();
        return WaitExitAsync();
    }

    /// <summary>Waits for the exit after <see cref="SendTerminate"/>; returns the exit code and the time since the signal.</summary>
    public async Task<(int ExitCode, TimeSpan Elapsed)> WaitExitAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, _sinceTerminate?.Elapsed ?? TimeSpan.Zero);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Submits a job and returns its id.</summary>
    public async Task<long> SubmitAsync(string type, object? payload)
    {
        var (status, body, _) = await PostAsync("/api/jobs", new { type, payload });
        Assert.True(status == 202, $"POST /api/jobs ({type}) answered {status}: {body}");
        return body!["id"]!.GetValue<long>();
    }

    /// <summary>Polls a job until it has finished (succeeded or failed).</summary>
    public async Task<JsonNode> WaitFinishedAsync(long id, TimeSpan? timeout = null)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            var job = await GetJsonAsync($"/api/jobs/{id}");
            if (job["status"]!.GetValue<string>() is "succeeded" or "failed")
                return job;
            if (limit.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"Job {id} did not finish: {job.ToJsonString()}");
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
