using System.Runtime.InteropServices;

namespace App.Tests.Support;

public static class Signals
{
    const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);

    /// <summary>Sends SIGTERM, as <c>docker stop</c> does.</summary>
    public static void Terminate(int pid)
    {
        if (kill(pid, SIGTERM) != 0)
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
    }
}
