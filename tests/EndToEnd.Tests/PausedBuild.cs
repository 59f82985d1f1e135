using System.Diagnostics;
using System.Text;
using Pipeline.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// A <c>./build.sh</c> run that pauses at a named point of the pipeline (<see cref="TestPause"/>): the test waits until it got there,
/// acts, then lets it go on (<see cref="ResumeAsync"/>) or kills it (<see cref="KillAsync"/>).
/// </summary>
internal sealed class PausedBuild : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();
    readonly string marker;

    PausedBuild(Process process, string marker)
    {
        this.process = process;
        this.marker = marker;
    }

    /// <summary>Starts <paramref name="args"/> to pause at <paramref name="point"/>, with its marker in <paramref name="folder"/>.</summary>
    public static PausedBuild Start(string point, string folder, params string[] args)
    {
        var marker = Path.Combine(folder, $"paused-{Guid.NewGuid():N}");
        var start = BuildScript.InterruptibleStartInfo(new Dictionary<string, string> { [TestPause.PointVariable] = point, [TestPause.MarkerVariable] = marker }, args);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        var paused = new PausedBuild(Process.Start(start)!, marker);
        paused.process.StandardInput.Close();
        paused.process.OutputDataReceived += (_, e) => paused.Collect(e.Data);
        paused.process.ErrorDataReceived += (_, e) => paused.Collect(e.Data);
        paused.process.BeginOutputReadLine();
        paused.process.BeginErrorReadLine();
        return paused;
    }

    /// <summary>The pipeline's process id (the bootstrapper execs the pipeline, so this is the pid its deploy lock records).</summary>
    public int Id => process.Id;

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>Waits until the run reached its pause point (it wrote the marker); fails when it ended first.</summary>
    public async Task ArrivedAsync()
    {
        for (var clock = Stopwatch.StartNew(); !File.Exists(marker); await Task.Delay(100))
        {
            Assert.False(process.HasExited, "the run ended before its pause point:\n" + Output);
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(4), "the run did not reach its pause point within 4 minutes:\n" + Output);
        }
    }

    /// <summary>Lets the run go on from its pause point and waits until it ends; returns its exit code.</summary>
    public async Task<int> ResumeAsync()
    {
        File.Delete(marker);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return process.ExitCode;
    }

    /// <summary>
    /// Kills the pipeline's process with SIGKILL at its pause point (nothing of it runs afterwards), and only that process: what it left
    /// running on its own (an SSH master and its watcher) must end by itself.
    /// </summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }

    void Collect(string? line)
    {
        lock (output)
            output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
