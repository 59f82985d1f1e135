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
        "JOB_SHUTDOWN_GRACE_SECONDS", "Logging__LogLevel__Default", "APP_ROLE", "ConnectionStrings__Postgres",
        "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGPASSFILE",
    ];

    /// <summary>A start description for <c>dotnet App.dll args</c> in App.dll's folder, with a clean environment plus <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartInfo(Dll, environment, args);

    /// <summary>As <see cref="StartInfo(IReadOnlyDictionary{string, string}, string[])"/> for the App.dll at <paramref name="dll"/> (a copy of the build).</summary>
    public static ProcessStartInfo StartInfo(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var name in Inherited)
            info.Environment.Remove(name);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        return info;
    }

    /// <summary>Runs <c>dotnet App.dll args</c> to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(Dll, environment, args);

    /// <summary>Runs <c>dotnet dll args</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(dll, environment, args))!;
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

    /// <summary>
    /// Copies the built app into <paramref name="directory"/> (a release of its own, e.g. with one more migration file) and
    /// returns the copy's App.dll.
    /// </summary>
    public static string CopyTo(string directory)
    {
        var source = Path.GetDirectoryName(Dll)!;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return Path.Combine(directory, Path.GetFileName(Dll));
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
