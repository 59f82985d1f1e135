using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Targets.Tests;

/// <summary>
/// The bootstrappers (build.sh, build.cmd) and the shell scripts beside them. These run
/// while <c>./build.sh Test</c> itself is running, so they never delete build outputs and
/// never touch an input of the build program: they only check that a warm run does not
/// rebuild.
/// </summary>
public sealed partial class BootstrapperTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    static readonly string Root = FindRoot();

    static string StampFile => Path.Combine(Root, "build", "obj", ".bootstrap-stamp");

    static string BuildSh => Path.Combine(Root, "build.sh");

    static string BuildAssembly => Path.Combine(Root, "build", "bin", "_build.dll");

    [Fact]
    public void Shell_scripts_pass_shellcheck()
    {
        var shellcheck = FindOnPath("shellcheck");
        Assert.True(shellcheck != null,
            "shellcheck is not on PATH: install shellcheck (apt-get install -y shellcheck); " +
            "it is a required test tool (the Test target installs it).");

        var scripts = new List<string> { "build.sh", ".ci/run" };
        scripts.AddRange(Directory.GetFiles(Path.Combine(Root, "bench"), "*.sh", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

        var result = Run(shellcheck!, ["--external-sources", .. scripts]);

        Assert.True(result.ExitCode == 0,
            $"shellcheck --external-sources {string.Join(' ', scripts)} exited with {result.ExitCode}:\n{result.Stdout}{result.Stderr}");
    }

    [Fact]
    public void Warm_run_does_not_rebuild_the_build_program()
    {
        // The first run may build (e.g. straight after an edit); the second must not.
        var first = Run(BuildSh, ["--help", "--no-logo"]);
        Assert.True(first.ExitCode == 0, $"first ./build.sh --help exited with {first.ExitCode}:\n{first.Stdout}{first.Stderr}");
        Assert.True(File.Exists(StampFile), $"no bootstrap stamp at {StampFile} after a successful run");
        Assert.True(File.Exists(BuildAssembly), $"no build program at {BuildAssembly} after a successful run");
        var stampBefore = File.GetLastWriteTimeUtc(StampFile);
        var assemblyBefore = File.GetLastWriteTimeUtc(BuildAssembly);

        var second = Run(BuildSh, ["--help", "--no-logo"]);

        Assert.True(second.ExitCode == 0, $"second ./build.sh --help exited with {second.ExitCode}:\n{second.Stdout}{second.Stderr}");
        Assert.DoesNotContain("build.sh: building", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(stampBefore, File.GetLastWriteTimeUtc(StampFile));
        Assert.Equal(assemblyBefore, File.GetLastWriteTimeUtc(BuildAssembly));
    }

    [Fact]
    public void Build_cmd_under_bash_behaves_like_build_sh()
    {
        var viaSh = Run(BuildSh, ["--help", "--no-logo"]);
        var viaCmd = Run("bash", ["build.cmd", "--help", "--no-logo"]);

        Assert.True(viaSh.ExitCode == 0, $"./build.sh --help exited with {viaSh.ExitCode}:\n{viaSh.Stdout}{viaSh.Stderr}");
        Assert.True(viaCmd.ExitCode == 0, $"bash build.cmd --help exited with {viaCmd.ExitCode}:\n{viaCmd.Stdout}{viaCmd.Stderr}");
        Assert.Contains("Usage: ./build.sh", viaSh.Stdout, StringComparison.Ordinal);
        Assert.Equal(Normalize(viaSh.Stdout), Normalize(viaCmd.Stdout));
    }

    [Fact]
    public void Arguments_and_exit_code_pass_through_the_bootstrapper()
    {
        // An unknown target must fail (the host exits non-zero), and build.sh must not
        // swallow that: exec hands the exit code straight back.
        var result = Run(BuildSh, ["NoSuchTargetXyz", "--no-logo"]);

        Assert.NotEqual(0, result.ExitCode);
    }

    /// <summary>Line endings unified; timestamped log lines (e.g. "01:00:04 INF Regenerated
    /// .nuke/build.schema.json", printed only by the run that regenerates it) dropped.</summary>
    static string Normalize(string text) => string.Join('\n',
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n')
            .Where(line => !LogLine().IsMatch(line)));

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2} [A-Z]{3} ")]
    private static partial Regex LogLine();

    sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs a command in the repository root with no stdin; output captured.</summary>
    static ProcessResult Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A forced rebuild here would rebuild the build program that is running the tests.
        start.Environment.Remove("BUILD_FORCE");

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {Timeout}:\n{stdout}{stderr}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (stdout)
        lock (stderr)
            return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "App.sln")) ||
                File.Exists(Path.Combine(directory.FullName, "build.sh")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no repository root (App.sln or build.sh) above {AppContext.BaseDirectory}");
    }
}
