using Pipeline.GitHub.Actions;

namespace EndToEnd.Tests;

/// <summary>The checked-in .github/workflows are exactly what build/Build.CI.cs generates.</summary>
public sealed class WorkflowDriftTests
{
    [Fact]
    public async Task Checked_in_workflows_match_what_the_build_generates()
    {
        var output = Directory.CreateTempSubdirectory("workflow-drift-").FullName;
        try
        {
            var run = await BuildScript.RunAsync("GenerateWorkflows", "--workflows-output", output);
            Assert.True(run.ExitCode == 0, run.ToString());
            var generated = Directory.GetFiles(output).Order().Select(f => new WorkflowFile(Path.GetFileName(f), File.ReadAllText(f))).ToList();
            Assert.Equal(["ci.yml", "promote.yml", "rollback.yml"], generated.Select(f => f.FileName));

            var drift = WorkflowFiles.Differences(Path.Combine(BuildScript.Root, ".github", "workflows"), generated);

            Assert.True(drift.Count == 0, "The checked-in workflows differ from build/Build.CI.cs. Run ./build.sh locally (it regenerates them) and commit .github/workflows.\n" + string.Join("\n", drift));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_workflows_output_that_is_a_file_fails_and_writes_nothing()
    {
        var file = Path.GetTempFileName();
        try
        {
            var run = await BuildScript.RunAsync("GenerateWorkflows", "--workflows-output", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("is a file; name a folder", run.Output);
            Assert.Equal(0, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
