using Pipeline.GitHub.Actions;
using Serilog;

namespace Pipeline.Operations;

/// <summary>The GitHub workflows generated from the build's declarations: kept current on local runs, checked on CI, written on demand.</summary>
/// <param name="rootDirectory">The checkout root.</param>
/// <param name="workflows">The workflows as the build declares them now.</param>
/// <param name="log">Where regenerations and drift are said.</param>
public sealed class WorkflowOperations(string rootDirectory, Func<IReadOnlyList<WorkflowFile>> workflows, ILogger log)
{
    private string Directory => Path.Combine(rootDirectory, ".github", "workflows");

    /// <summary>Local runs rewrite the workflows whose definition changed; CI only warns when the checked-in ones drifted.</summary>
    public void Refresh(bool isLocal)
    {
        var files = workflows();
        if (isLocal)
        {
            foreach (var name in WorkflowFiles.WriteChanged(Directory, files))
                log.Information("Regenerated .github/workflows/{File} (the workflow definition changed)", name);
        }
        else if (WorkflowFiles.Differences(Directory, files) is { Count: > 0 } drift)
            log.Warning("The checked-in workflows differ from build/Build.CI.cs; run ./build.sh locally and commit .github/workflows:\n{Drift}", string.Join("\n", drift));
    }

    /// <summary>Writes the workflows to <paramref name="output"/> (default .github/workflows) and says what changed.</summary>
    public string Write(string? output)
    {
        var directory = output is { Length: > 0 } ? Path.GetFullPath(output, rootDirectory) : Directory;
        if (File.Exists(directory))
            throw new OperationFailedException($"--workflows-output {output} is a file; name a folder (it is created when missing).");
        var written = WorkflowFiles.WriteChanged(directory, workflows());
        return written.Count == 0 ? $"{directory}: up to date" : $"{directory}: wrote {string.Join(", ", written)}";
    }
}
