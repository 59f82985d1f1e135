using System.Diagnostics;

namespace EndToEnd.Tests;

/// <summary>What a run of <c>./build.sh</c> printed and how it ended.</summary>
public sealed record BuildRun(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}

/// <summary>Runs the repository's own <c>./build.sh</c> as a user would, with stdin closed and CI=true.</summary>
public static class BuildScript
{
    public static string Root { get; } = FindRoot();

    public static Task<BuildRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs <c>./build.sh</c> with extra environment variables (e.g. secrets a deployment reads).</summary>
    public static Task<BuildRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcessAsync(StartInfo(environment, args), TimeSpan.FromMinutes(20));

    /// <summary>How <see cref="RunAsync(IReadOnlyDictionary{string, string}, string[])"/> starts <c>./build.sh</c>: from the checkout, CI=true, no logo.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build.sh")) { WorkingDirectory = Root };
        foreach (var arg in args.Append("--no-logo"))
            start.ArgumentList.Add(arg);
        start.Environment["CI"] = "true";
        start.Environment.Remove("BUILD_FORCE");
        start.Environment.Remove("GITHUB_ACTIONS");
        start.Environment.Remove("LOG_FORMAT");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>
    /// <see cref="StartInfo"/> with SIGINT at its default disposition in the child, so that Ctrl-C (SIGINT) reaches the build.
    /// A test runner started from a background job has SIGINT ignored, children inherit that through exec (.NET's Process.Start
    /// resets only handlers, not ignored signals), and a shell cannot undo it (<c>trap - INT</c> is a no-op for a signal ignored
    /// on entry); GNU env's <c>--default-signal</c> can. It execs, so the process id is the build's own.
    /// </summary>
    public static ProcessStartInfo InterruptibleStartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var build = StartInfo(environment, args);
        var start = new ProcessStartInfo("env") { WorkingDirectory = build.WorkingDirectory };
        foreach (var arg in new[] { "--default-signal=INT", build.FileName }.Concat(build.ArgumentList))
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (name, value) in build.Environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>Runs a process with stdin closed and returns its exit code and output (stdout, then stderr).</summary>
    public static async Task<BuildRun> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return new BuildRun(process.ExitCode, await output + await error);
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "App.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("No App.sln above " + AppContext.BaseDirectory);
    }
}
