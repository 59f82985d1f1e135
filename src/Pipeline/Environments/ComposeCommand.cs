using System.Globalization;
using Pipeline.Machine;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Environments;

/// <summary>Runs Compose for one environment: <c>-p &lt;project&gt;</c>, its compose files, and the release in <c>APP_*</c> environment variables (no .env file).</summary>
internal sealed class ComposeCommand(EnvironmentSettings settings, ComposeTool compose, ILogger log)
{
    public IReadOnlyList<string> Arguments(params string[] command) =>
        compose.Arguments(["-p", settings.ProjectName, .. settings.ComposeFiles.SelectMany(f => new[] { "-f", f }), .. command]);

    public IReadOnlyDictionary<string, string?> Variables(DeployedRelease release) => new Dictionary<string, string?>
    {
        ["APP_IMAGE"] = release.Image,
        ["APP_PORT"] = settings.HostPort.ToString(CultureInfo.InvariantCulture),
        ["APP_CONTAINER_PORT"] = settings.ContainerPort.ToString(CultureInfo.InvariantCulture),
        ["APP_VERSION"] = release.Version,
        ["APP_COMMIT"] = release.Commit,
        ["APP_DIGEST"] = release.Digest,
        ["APP_ENVIRONMENT"] = settings.Name,
    };

    public Task<ToolResult> RunAsync(DeployedRelease release, string[] command, CancellationToken ct) =>
        new ExternalTool(compose.FileName) { Environment = Variables(release), Log = log }
            .In(Path.GetFullPath(settings.DeployDirectory))
            .RunAsync(Arguments(command), ct);

    public string Describe(params string[] command) => $"{compose.CommandLine} {string.Join(' ', Arguments(command).Skip(compose.Prefix.Count))}";

    public static string Said(ToolResult result, int lines = 15) =>
        string.Join('\n', (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).TakeLast(lines));
}
