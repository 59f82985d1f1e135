using Pipeline.Compose;
using Pipeline.Environments;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Development;

/// <summary>Runs Compose for the development project: the environments' arguments and release variables, plus the development mounts and ports.</summary>
internal sealed class DevCompose(DevSettings settings, ComposeTool compose, ILogger log)
{
    private readonly ComposeCommand command = ReleaseVariables.Command(settings.Environment, compose, log);

    public IReadOnlyList<string> Arguments(params string[] args) => command.Arguments(args);

    public IReadOnlyDictionary<string, string?> Variables =>
        ReleaseVariables.For(settings.Environment, settings.Release).Concat(settings.Variables).ToDictionary(v => v.Key, v => v.Value);

    public string Describe(params string[] args) => command.Describe(args);

    public Task<ToolResult> RunAsync(string[] args, CancellationToken ct) =>
        new ExternalTool(compose.FileName) { Environment = Variables, Log = log }
            .In(Path.GetFullPath(settings.DeployDirectory))
            .RunAsync(Arguments(args), ct);

    /// <summary>Runs <paramref name="args"/>; on failure throws, quoting Compose, with <paramref name="advice"/>.</summary>
    public async Task<ToolResult> RunCheckedAsync(string[] args, string advice, CancellationToken ct)
    {
        var result = await RunAsync(args, ct);
        return result.Succeeded
            ? result
            : throw new DevException($"'{Describe(args)}' exited with code {result.ExitCode}:\n{ComposeCommand.Said(result)}\n{advice}");
    }
}
