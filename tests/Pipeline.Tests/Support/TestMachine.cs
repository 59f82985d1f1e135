using System.Net;
using System.Net.Sockets;

namespace Pipeline.Tests.Support;

/// <summary>Paths, ports and clean-up helpers for tests that work on the real machine.</summary>
public static class TestMachine
{
    /// <summary>The checkout root: the folder holding global.json above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new, empty folder under the system temp folder with a unique name.</summary>
    public static string TempDirectory(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"pipeline-tests-{purpose}-{Guid.NewGuid():N}")).FullName;

    /// <summary>Deletes a folder made by <see cref="TempDirectory"/>, ignoring what is already gone.</summary>
    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    /// <summary>Kills a process this test started (by id), if it is still there.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Stops a daemon this test started (by id) with SIGTERM, so it cleans up after itself, and waits for it to exit.</summary>
    public static async Task StopAsync(int pid)
    {
        if (pid <= 0 || !Pipeline.Tools.DetachedProcess.IsRunning(pid))
            return;
        await new Pipeline.Tools.ExternalTool("kill").RunAsync(["-TERM", pid.ToString()]);
        for (var i = 0; i < 200 && Pipeline.Tools.DetachedProcess.IsRunning(pid); i++)
            await Task.Delay(50);
    }

    /// <summary>What <c>GET http://{registry}/v2/</c> answers, or null when nothing does.</summary>
    public static async Task<int?> RegistryStatusAsync(string registry)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync($"http://{registry}/v2/");
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
                return dir.FullName;
        throw new InvalidOperationException($"No global.json above {AppContext.BaseDirectory}: cannot find the checkout root.");
    }
}
