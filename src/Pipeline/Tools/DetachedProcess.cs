using System.Globalization;

namespace Pipeline.Tools;

/// <summary>
/// Starts long-running services (dockerd, the registry) so they outlive the build: in a new session
/// (<c>setsid</c>), immune to hang-ups (<c>nohup</c>), stdin from <c>/dev/null</c>, both outputs appended to a log file.
/// </summary>
public static class DetachedProcess
{
    private const string Script = "log=\"$1\"; shift; setsid nohup \"$@\" >>\"$log\" 2>&1 </dev/null & echo $!";

    /// <summary>Starts <paramref name="command"/> detached, appending its output to <paramref name="logFile"/>; returns its process id.</summary>
    public static async Task<int> StartAsync(IReadOnlyList<string> command, string logFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var result = await new ExternalTool("/bin/sh").RunCheckedAsync(["-c", Script, "detach", logFile, .. command], cancellationToken);
        return int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>True while process <paramref name="pid"/> exists and has not exited (a zombie counts as exited).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The last <paramref name="count"/> lines of <paramref name="file"/>, read while another process may still write to it.</summary>
    public static string Tail(string file, int count = 20)
    {
        if (!File.Exists(file))
            return "(no output)";
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new Queue<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Enqueue(line);
            if (lines.Count > count)
                lines.Dequeue();
        }
        return lines.Count == 0 ? "(no output)" : string.Join('\n', lines);
    }
}
