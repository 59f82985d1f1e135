using Pipeline.Tools;
using Serilog;

namespace Pipeline.Machine;

/// <summary>
/// A daemon killed abruptly (a machine stopped mid-session, <c>kill -9</c>) leaves its pid file behind, and
/// <c>dockerd</c> refuses to start while the file names a process that still exists, even a zombie.
/// </summary>
internal static class StalePidFile
{
    /// <summary>The pid file dockerd uses unless told otherwise.</summary>
    public const string DockerdDefault = "/var/run/docker.pid";

    /// <summary>Deletes <paramref name="path"/> when the process it names is gone, a zombie, or not <paramref name="program"/>; returns true when it did.</summary>
    public static bool RemoveIfStale(string path, string program, ILogger log)
    {
        if (!File.Exists(path))
            return false;
        var text = File.ReadAllText(path).Trim();
        if (int.TryParse(text, out var pid) && DetachedProcess.IsRunning(pid) && Command(pid) == program)
            return false;
        File.Delete(path);
        log.Information("Removed the stale pid file {Path}: pid {Pid} is not a running {Program}", path, text, program);
        return true;
    }

    static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
