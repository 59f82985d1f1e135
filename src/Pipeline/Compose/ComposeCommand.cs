using Pipeline.Tools;
using Serilog;

namespace Pipeline.Compose;

/// <summary>Runs Compose for one project: <c>-p &lt;project&gt;</c>, its compose files in order, in their folder, with the given variables (no .env file).</summary>
/// <param name="compose">The Compose tool.</param>
/// <param name="project">The Compose project name.</param>
/// <param name="files">The compose files, in the order they apply.</param>
/// <param name="directory">The folder Compose runs in (relative paths in the files resolve from there).</param>
/// <param name="log">Where the tool's output goes.</param>
internal sealed class ComposeCommand(ComposeTool compose, string project, IReadOnlyList<string> files, string directory, ILogger log)
{
    public IReadOnlyList<string> Arguments(params string[] command) =>
        compose.Arguments(["-p", project, .. files.SelectMany(f => new[] { "-f", f }), .. command]);

    public Task<ToolResult> RunAsync(IReadOnlyDictionary<string, string?> variables, string[] command, CancellationToken ct) =>
        new ExternalTool(compose.FileName) { Environment = compose.DockerHost is null ? variables : new Dictionary<string, string?>(variables) { ["DOCKER_HOST"] = compose.DockerHost.ToString() }, Log = log }
            .In(Path.GetFullPath(directory))
            .RunAsync(Arguments(command), ct);

    public string Describe(params string[] command) => $"{compose.CommandLine} {string.Join(' ', Arguments(command).Skip(compose.Prefix.Count))}";

    public static string Said(ToolResult result, int lines = 15) =>
        string.Join('\n', (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).TakeLast(lines));
}
