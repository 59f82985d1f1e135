using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Targets.Tests.Fixtures;

/// <summary>Runs tests/Targets.Tests.Sample as a child process, so that real signals can be sent to it.</summary>
public sealed class SampleProcess : IDisposable
{
    public const int SIGINT = 2, SIGTERM = 15;
    const string StartedMarker = "LONG-TARGET-STARTED";

    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SampleProcess(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var variable in new[] { "LOG_FORMAT", "GITHUB_ACTIONS", "CI" })
            info.Environment.Remove(variable);
        RestoreDefaultSigInt();
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Dll =>
        typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleDll").Value!;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>Waits until the long target printed its marker line.</summary>
    public async Task WaitUntilStartedAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != started.Task)
            throw new Xunit.Sdk.XunitException($"The sample did not start its long target (exited: {process.HasExited}):\n{Output}");
    }

    public void Signal(int signal)
    {
        if (kill(process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The sample did not exit within {timeout}:\n{Output}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    void Received(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        if (line.Contains(StartedMarker, StringComparison.Ordinal))
            started.TrySetResult();
    }

    /// <summary>
    /// A background job of a non-interactive shell starts with SIGINT ignored, and .NET children inherit that
    /// (the runtime then installs no SIGINT handler). Reset it to the default so the child sees Ctrl-C.
    /// Only when ignored: otherwise the runtime's own handler is in place and must stay.
    /// </summary>
    static void RestoreDefaultSigInt()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (ignored is not null && (Convert.ToUInt64(ignored[7..].Trim(), 16) & (1UL << (SIGINT - 1))) != 0)
            signal(SIGINT, IntPtr.Zero);
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);

    [DllImport("libc")]
    static extern IntPtr signal(int sig, IntPtr handler);
}
