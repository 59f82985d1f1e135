using System.Diagnostics;
using System.Reflection;

namespace App.Tests.Support;

/// <summary>The built App.dll and how to run it with <c>dotnet</c>.</summary>
public static class AppBinary
{
    public static string Dll { get; } = Find();

    /// <summary>Variables a test must not inherit, since they change how the app behaves.</summary>
    static readonly string[] Inherited =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "PORT", "DATA_DIR", "WORKER_THREADS", "LOG_FORMAT",
        "DEVELOPMENT_MODE", "DOTNET_WATCH", "DEBUG_MODE", "DOTNET_EnableDiagnostics", "APP_VERSION", "APP_COMMIT",
        "JOB_SHUTDOWN_GRACE_SECONDS", "Logging__LogLevel__Default",
    ];

    /// <summary>A start description for <c>dotnet App.dll args</c> in App.dll's folder, with a clean environment plus <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var name in Inherited)
            info.Environment.Remove(name);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        return info;
    }

    /// <summary>Runs <c>dotnet App.dll args</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet App.dll {string.Join(' ', args)} did not exit within 30 s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    static string Find()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "App.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "App.runtimeconfig.json")))
            return beside;
        var built = typeof(AppBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AppDll").Value!;
        return File.Exists(built) ? built : throw new FileNotFoundException($"App.dll is neither beside the tests nor at {built}; build src/App first.");
    }
}
