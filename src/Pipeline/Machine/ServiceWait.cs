using Pipeline.Docker;
using Pipeline.Tools;

namespace Pipeline.Machine;

/// <summary>Waits for a service started by set-up to answer, and fails with its log when it does not.</summary>
internal static class ServiceWait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls <paramref name="answers"/> until it is true; throws, naming the log and its last lines, when the process exits or time runs out.</summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> answers, string name, int pid, string where, string logFile, TimeSpan timeout, CancellationToken ct)
    {
        var answered = await Poll.UntilTrueAsync(
            async token => await answers(token) || (!DetachedProcess.IsRunning(pid) && !await answers(token)
                ? throw new MachineSetupException($"{name} (pid {pid}) exited without ever answering at {where}. Its log is {logFile}; last lines:\n{DetachedProcess.Tail(logFile)}")
                : false),
            new PollOptions(Interval, timeout), ct);
        if (!answered)
            throw new MachineSetupException(
                $"{name} (pid {pid}) did not answer at {where} within {timeout.TotalSeconds:0} s. It is still running (stop it with: kill {pid}); its log is {logFile}; last lines:\n{DetachedProcess.Tail(logFile)}");
    }

    /// <summary>The log file of a service set-up starts today: <c>logs/setup/{name}-YYYYMMDD.log</c> under the root.</summary>
    public static string LogFile(string rootDirectory, string name) =>
        Path.Combine(Path.GetFullPath(rootDirectory), "logs", "setup", $"{name}-{DateTime.UtcNow:yyyyMMdd}.log");
}
