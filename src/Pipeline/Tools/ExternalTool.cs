using System.Text;
using CliWrap;
using Serilog;

namespace Pipeline.Tools;

/// <summary>What an external tool printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the tool exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs an external tool (docker, git, apt-get, dotnet) with CliWrap. Both of its output streams are
/// logged line by line as normal output, never as errors: tools such as git and docker write progress
/// to stderr. Whether the run failed is decided by the exit code alone.
/// </summary>
public sealed record ExternalTool(string FileName)
{
    /// <summary>
    /// The dotnet CLI without lingering build servers (MSBuild node reuse, the MSBuild server): a server inheriting
    /// the output pipes would keep them open after dotnet exits, and the run would wait for it.
    /// </summary>
    public static ExternalTool Dotnet { get; } = new ExternalTool("dotnet")
        .WithEnvironment("DOTNET_NOLOGO", "1")
        .WithEnvironment("MSBUILDDISABLENODEREUSE", "1")
        .WithEnvironment("DOTNET_CLI_USE_MSBUILD_SERVER", "0");

    /// <summary>Working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables for the tool.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Logger that receives each output line; nothing is logged when null.</summary>
    public ILogger? Log { get; init; }

    /// <summary>Returns a copy that logs each output line to <paramref name="log"/>.</summary>
    public ExternalTool WithLog(ILogger log) => this with { Log = log };

    /// <summary>Returns a copy that runs in <paramref name="directory"/>.</summary>
    public ExternalTool In(string directory) => this with { WorkingDirectory = directory };

    /// <summary>Returns a copy with one more environment variable.</summary>
    public ExternalTool WithEnvironment(string name, string? value) =>
        this with { Environment = new Dictionary<string, string?>(Environment) { [name] = value } };

    /// <summary>Runs the tool and returns its exit code and output; never throws for a non-zero exit.</summary>
    public async Task<ToolResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var name = Path.GetFileName(FileName);
        var command = Cli.Wrap(FileName)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(Environment)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => { stdout.AppendLine(line); Log?.Information("{Tool}: {Line}", name, line); }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => { stderr.AppendLine(line); Log?.Information("{Tool}: {Line}", name, line); }));
        if (WorkingDirectory is not null)
            command = command.WithWorkingDirectory(WorkingDirectory);

        try
        {
            var result = await command.ExecuteAsync(cancellationToken);
            return new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{FileName}': {e.Message}. Is it installed and on PATH? Run '{Commands.Doctor}' to see what is missing.", e);
        }
    }

    /// <summary>Runs the tool and throws, naming the command and its last output, when it exits non-zero.</summary>
    public async Task<ToolResult> RunCheckedAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var args = arguments.ToList();
        var result = await RunAsync(args, cancellationToken);
        if (!result.Succeeded)
        {
            var tail = string.Join('\n', (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10));
            throw new InvalidOperationException($"'{FileName} {string.Join(' ', args)}' exited with code {result.ExitCode}.\n{tail}");
        }
        return result;
    }
}
