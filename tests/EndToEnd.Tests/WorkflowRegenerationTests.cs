using System.Diagnostics;

namespace EndToEnd.Tests;

/// <summary>
/// Local runs regenerate the workflows whose definition changed and say so; CI runs never write them and warn about drift.
/// Each test runs the real build against its own root (a temp folder with a .nuke folder), never the checkout's .github.
/// </summary>
public sealed class WorkflowRegenerationTests
{
    [Fact]
    public async Task A_local_run_regenerates_changed_workflows_once_and_says_so()
    {
        var root = NewRoot();
        try
        {
            var first = await RunAsync(root, ci: false);
            Assert.True(first.ExitCode == 0, first.ToString());
            foreach (var name in new[] { "ci", "promote", "rollback" })
                Assert.Contains($"Regenerated .github/workflows/{name}.yml (the workflow definition changed)", first.Output);
            Assert.Equal(File.ReadAllText(Path.Combine(BuildScript.Root, ".github", "workflows", "ci.yml")), File.ReadAllText(Workflow(root, "ci")));

            var second = await RunAsync(root, ci: false);
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.DoesNotContain("Regenerated .github/workflows", second.Output);

            File.AppendAllText(Workflow(root, "rollback"), "# edited by hand\n");
            var third = await RunAsync(root, ci: false);
            Assert.Contains("Regenerated .github/workflows/rollback.yml", third.Output);
            Assert.DoesNotContain("Regenerated .github/workflows/ci.yml", third.Output);
            Assert.DoesNotContain("edited by hand", File.ReadAllText(Workflow(root, "rollback")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_ci_run_never_writes_workflows_and_warns_about_drift()
    {
        var root = NewRoot();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".github", "workflows"));
            File.WriteAllText(Workflow(root, "ci"), "# Generated from an older definition\nname: ci\n");

            var run = await RunAsync(root, ci: true);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("The checked-in workflows differ from build/Build.CI.cs", run.Output);
            Assert.Contains("ci.yml differs from its definition", run.Output);
            Assert.Contains("promote.yml is missing", run.Output);
            Assert.Equal("# Generated from an older definition\nname: ci\n", File.ReadAllText(Workflow(root, "ci")));
            Assert.False(File.Exists(Workflow(root, "promote")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    static string NewRoot()
    {
        var root = Directory.CreateTempSubdirectory("workflow-root-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        return root;
    }

    static string Workflow(string root, string name) => Path.Combine(root, ".github", "workflows", name + ".yml");

    /// <summary>./build.sh Noop --root ROOT, with or without CI in the environment.</summary>
    static async Task<BuildRun> RunAsync(string root, bool ci)
    {
        var start = new ProcessStartInfo(Path.Combine(BuildScript.Root, "build.sh")) { WorkingDirectory = BuildScript.Root };
        foreach (var arg in new[] { "Noop", "--root", root, "--no-logo" })
            start.ArgumentList.Add(arg);
        foreach (var name in new[] { "CI", "GITHUB_ACTIONS", "BUILD_FORCE", "LOG_FORMAT" })
            start.Environment.Remove(name);
        if (ci)
            start.Environment["CI"] = "true";
        return await BuildScript.RunProcessAsync(start, TimeSpan.FromMinutes(10));
    }
}
