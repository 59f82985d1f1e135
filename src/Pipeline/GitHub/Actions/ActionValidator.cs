using Serilog;

namespace Pipeline.GitHub.Actions;

/// <summary>What a workflow checker said about one workflow file.</summary>
/// <param name="Valid">True when it exited 0.</param>
/// <param name="Output">What it printed: the problems of an invalid file.</param>
public sealed record ValidationResult(bool Valid, string Output);

/// <summary>
/// GitHub's workflow schema checked by the npm package <c>@action-validator/cli</c>, installed with the machine's Node
/// into a tool folder outside git (<see cref="DefaultDirectory"/>), pinned to <see cref="Version"/>.
/// </summary>
public sealed class ActionValidator
{
    /// <summary>The pinned version of <c>@action-validator/cli</c> and <c>@action-validator/core</c>.</summary>
    public const string Version = "0.6.0";

    /// <summary>The fix a user runs when a workflow checker is missing.</summary>
    public static readonly string Fix = $"{Commands.SetupTestTools} (it installs Node and npm when missing, then the workflow checkers)";

    readonly NodeTool tool;

    /// <summary>The validator in <paramref name="toolDirectory"/>.</summary>
    public ActionValidator(string toolDirectory) =>
        tool = new NodeTool(toolDirectory, new Dictionary<string, string> { ["@action-validator/cli"] = Version, ["@action-validator/core"] = Version }, Fix);

    /// <summary>The tool folder under a checkout: <c>.tools/action-validator</c> (git ignores <c>.tools/</c>).</summary>
    public static string DefaultDirectory(string rootDirectory) => Path.Combine(rootDirectory, ".tools", "action-validator");

    /// <summary>Where the validator is (to be) installed.</summary>
    public string ToolDirectory => tool.ToolDirectory;

    /// <summary>True when the pinned version of the validator is in <see cref="ToolDirectory"/>.</summary>
    public bool IsInstalled => File.Exists(tool.PathOf("@action-validator/cli", "cli.mjs")) && tool.IsInstalled;

    /// <summary>Installs the pinned validator with npm, non-interactively; does nothing when it is there.</summary>
    public Task InstallAsync(ILogger log, CancellationToken ct) => tool.InstallAsync(log, ct);

    /// <summary>Checks <paramref name="workflowFile"/> against GitHub's workflow schema. Throws with the fix when the validator or Node is missing.</summary>
    public Task<ValidationResult> ValidateAsync(string workflowFile, CancellationToken ct) =>
        tool.RunAsync([tool.PathOf("@action-validator/cli", "cli.mjs"), Path.GetFullPath(workflowFile)], ct);
}
