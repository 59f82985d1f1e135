using System.Text.Json;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// npm packages pinned to versions, installed with the machine's Node into a tool folder outside git (under
/// <c>.tools/</c>), non-interactively; the workflow checkers run from there.
/// </summary>
internal sealed class NodeTool(string toolDirectory, IReadOnlyDictionary<string, string> packages, string fix)
{
    /// <summary>Where the packages are (to be) installed.</summary>
    public string ToolDirectory { get; } = Path.GetFullPath(toolDirectory);

    /// <summary>The path of a file inside an installed package.</summary>
    public string PathOf(string package, params string[] parts) => Path.Combine([ToolDirectory, "node_modules", .. package.Split('/'), .. parts]);

    /// <summary>True when every package is in <see cref="ToolDirectory"/> at its pinned version.</summary>
    public bool IsInstalled => packages.All(p => InstalledVersion(p.Key) == p.Value);

    /// <summary>Installs the pinned packages with npm; does nothing when they are there.</summary>
    public async Task InstallAsync(ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (IsInstalled)
            return;
        var names = string.Join(", ", packages.Select(p => $"{p.Key} {p.Value}"));
        var npm = Executable.Find("npm") ?? throw new InvalidOperationException($"npm is not installed, so {names} cannot be. Run {fix}, or install Node.js and npm yourself (apt-get install nodejs npm).");
        Directory.CreateDirectory(ToolDirectory);
        log.Information("Installing {Packages} into {Directory}", names, ToolDirectory);
        await new ExternalTool(npm).In(ToolDirectory).WithLog(log)
            .WithEnvironment("npm_config_yes", "true").WithEnvironment("npm_config_update_notifier", "false").WithEnvironment("npm_config_fund", "false")
            .RunCheckedAsync(["install", "--prefix", ToolDirectory, "--no-audit", "--no-save", "--no-package-lock", .. packages.Select(p => $"{p.Key}@{p.Value}")], ct);
        if (!IsInstalled)
            throw new InvalidOperationException($"npm finished but {names} is not in {ToolDirectory}. Delete that folder and run {fix}.");
    }

    /// <summary>Runs Node with <paramref name="arguments"/>; throws with the fix when the packages or Node are missing.</summary>
    public async Task<ValidationResult> RunAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        if (!IsInstalled)
            throw new InvalidOperationException($"{string.Join(", ", packages.Select(p => $"{p.Key} {p.Value}"))} is not installed in {ToolDirectory}. Run {fix}.");
        var node = Executable.Find("node") ?? throw new InvalidOperationException($"Node.js is not installed, so the workflow checks cannot run. Run {fix}.");
        var result = await new ExternalTool(node).WithEnvironment("NO_COLOR", "1").WithEnvironment("FORCE_COLOR", "0").RunAsync(arguments, ct);
        return new ValidationResult(result.Succeeded, (result.StandardOutput + result.StandardError).Trim());
    }

    string? InstalledVersion(string package)
    {
        var manifest = PathOf(package, "package.json");
        if (!File.Exists(manifest))
            return null;
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
    }
}
