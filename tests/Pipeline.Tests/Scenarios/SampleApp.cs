using System.Diagnostics;
using System.Text;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Scenarios;

/// <summary>The real sample service as a process (<c>dotnet App.dll</c>) on a free 127.0.0.1 port with a temp DATA_DIR; stopped and cleaned up at the end.</summary>
public sealed class SampleApp : IAsyncLifetime, IDisposable
{
    static readonly string[] NotInherited =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "PORT", "DATA_DIR", "WORKER_THREADS", "LOG_FORMAT", "DEVELOPMENT_MODE", "DEBUG_MODE"];

    readonly string data = TestMachine.TempDirectory("workflow-data");
    readonly StringBuilder output = new();
    Process? process;

    public HttpClient Http { get; private set; } = null!;

    public string Output { get { lock (output) return output.ToString(); } }

    public async Task InitializeAsync()
    {
        var folder = await SampleAppBuild.DirectoryAsync();
        var port = TestMachine.FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(folder, "App.dll"));
        foreach (var name in NotInherited)
            info.Environment.Remove(name);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DATA_DIR"] = data;
        info.Environment["WORKER_THREADS"] = "4";
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await WaitHealthyAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    async Task WaitHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process!.HasExited)
                throw new InvalidOperationException($"The sample app exited with {process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The sample app did not answer /ready within 30 s:\n{Output}");
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            process = null;
        }
        TestMachine.Delete(data);
        await SampleAppBuild.DeleteAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SampleAppCollection : ICollectionFixture<SampleApp>
{
    public const string Name = "Scenarios sample app";
}
