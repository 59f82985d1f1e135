using System.Text.Json;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.GitHub.Actions;

/// <summary>What the validator said about one workflow file.</summary>
/// <param name="Valid">True when it exited 0.</param>
/// <param name="Output">What it printed: the schema errors of an invalid file.</param>
public sealed record ValidationResult(bool Valid, string Output);

/// <summary>
/// GitHub's workflow schema checked by the npm package <c>@action-validator/cli</c>, installed with the machine's Node
/// into a tool folder outside git (<see cref="DefaultDirectory"/>), pinned to <see cref="Version"/>.
/// </summary>
public sealed class ActionValidator(string toolDirectory)
{
    /// <summary>The pinned version of <c>@action-validator/cli</c> and <c>@action-validator/core</c>.</summary>
    public const string Version = "0.6.0";

    /// <summary>The fix a user runs when the validator is missing.</summary>
    public const string Fix = "./build.sh SetupTestTools (it installs Node and npm when missing, then the validator)";

    /// <summary>The tool folder under a checkout: <c>.tools/action-validator</c> (git ignores <c>.tools/</c>).</summary>
    public static string DefaultDirectory(string rootDirectory) => Path.Combine(rootDirectory, ".tools", "action-validator");

    /// <summary>Where the validator is (to be) installed.</summary>
    public string ToolDirectory { get; } = Path.GetFullPath(toolDirectory);

    string Cli => Path.Combine(ToolDirectory, "node_modules", "@action-validator", "cli", "cli.mjs");

    /// <summary>True when the pinned version of the validator is in <see cref="ToolDirectory"/>.</summary>
    public bool IsInstalled => File.Exists(Cli) && InstalledVersion("cli") == Version && InstalledVersion("core") == Version;

    /// <summary>Installs the pinned validator with npm, non-interactively; does nothing when it is there.</summary>
    public async Task InstallAsync(ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (IsInstalled)
            return;
        var npm = Executable.Find("npm") ?? throw new InvalidOperationException($"npm is not installed, so @action-validator/cli cannot be. Run {Fix}, or install Node.js and npm yourself (apt-get install nodejs npm).");
        Directory.CreateDirectory(ToolDirectory);
        log.Information("Installing @action-validator/cli {Version} into {Directory}", Version, ToolDirectory);
        await new ExternalTool(npm).In(ToolDirectory).WithLog(log)
            .WithEnvironment("npm_config_yes", "true").WithEnvironment("npm_config_update_notifier", "false").WithEnvironment("npm_config_fund", "false")
            .RunCheckedAsync(["install", "--prefix", ToolDirectory, "--no-audit", "--no-save", "--no-package-lock", $"@action-validator/cli@{Version}", $"@action-validator/core@{Version}"], ct);
        if (!IsInstalled)
            throw new InvalidOperationException($"npm finished but @action-validator/cli {Version} is not in {ToolDirectory}. Delete that folder and run {Fix}.");
    }

    /// <summary>Checks <paramref name="workflowFile"/> against GitHub's workflow schema. Throws with the fix when the validator or Node is missing.</summary>
    public async Task<ValidationResult> ValidateAsync(string workflowFile, CancellationToken ct)
    {
        if (!IsInstalled)
            throw new InvalidOperationException($"@action-validator/cli {Version} is not installed in {ToolDirectory}. Run {Fix}.");
        var node = Executable.Find("node") ?? throw new InvalidOperationException($"Node.js is not installed, so the workflow validator cannot run. Run {Fix}.");
        var result = await new ExternalTool(node).WithEnvironment("NO_COLOR", "1").RunAsync([Cli, Path.GetFullPath(workflowFile)], ct);
        return new ValidationResult(result.Succeeded, (result.StandardOutput + result.StandardError).Trim());
    }

    string? InstalledVersion(string package)
    {
        var manifest = Path.Combine(ToolDirectory, "node_modules", "@action-validator", package, "package.json");
        if (!File.Exists(manifest))
            return null;
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
    }
}
