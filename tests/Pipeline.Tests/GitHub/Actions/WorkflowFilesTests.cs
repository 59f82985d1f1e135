using Pipeline.GitHub.Actions;
using Pipeline.Tests.Support;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

public sealed class WorkflowFilesTests
{
    static IReadOnlyList<WorkflowFile> Files(string target = "Test") =>
        WorkflowFiles.Generate([new GitHubActionsAttribute("ci") { OnPushBranches = ["main"], InvokedTargets = [target] }, new GitHubActionsAttribute("deploy") { OnWorkflowDispatch = true, InvokedTargets = ["PromoteToProduction"] }], Build);

    [Fact]
    public void Only_files_whose_content_changed_are_written()
    {
        var dir = TestMachine.TempDirectory("workflows");
        try
        {
            Assert.Equal(["ci.yml", "deploy.yml"], WorkflowFiles.WriteChanged(dir, Files()));
            var stamp = File.GetLastWriteTimeUtc(Path.Combine(dir, "deploy.yml"));

            Assert.Empty(WorkflowFiles.WriteChanged(dir, Files()));
            Assert.Equal(["ci.yml"], WorkflowFiles.WriteChanged(dir, Files("BuildImages")));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(dir, "deploy.yml")));
            Assert.Contains("./build.sh BuildImages", File.ReadAllText(Path.Combine(dir, "ci.yml")));
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Fact]
    public void Differences_name_the_file_the_line_and_stale_generated_files_but_not_hand_written_ones()
    {
        var dir = TestMachine.TempDirectory("workflows");
        try
        {
            WorkflowFiles.WriteChanged(dir, Files());
            Assert.Empty(WorkflowFiles.Differences(dir, Files()));

            File.WriteAllText(Path.Combine(dir, "ci.yml"), File.ReadAllText(Path.Combine(dir, "ci.yml")).Replace("./build.sh Test", "./build.sh Test --skip", StringComparison.Ordinal));
            File.Delete(Path.Combine(dir, "deploy.yml"));
            File.WriteAllText(Path.Combine(dir, "old.yml"), Files()[0].Content);
            File.WriteAllText(Path.Combine(dir, "hand-written.yml"), "name: mine\n");

            var differences = WorkflowFiles.Differences(dir, Files());

            Assert.Equal(3, differences.Count);
            Assert.Contains("ci.yml differs from its definition at line", differences[0]);
            Assert.Contains("checked in: ", differences[0]);
            Assert.Contains("./build.sh Test --skip", differences[0]);
            Assert.Equal("deploy.yml is missing", differences[1]);
            Assert.StartsWith("old.yml is generated but no [GitHubActions] declares it any more", differences[2]);
        }
        finally
        {
            TestMachine.Delete(dir);
        }
    }

    [Theory]
    [InlineData("RegistryPassword", "registry-password", "REGISTRY_PASSWORD")]
    [InlineData("Tag", "tag", "TAG")]
    [InlineData("HTTPProxy", "http-proxy", "HTTP_PROXY")]
    [InlineData("DOCKER_HOST", "docker-host", "DOCKER_HOST")]
    public void Names_are_spelled_for_inputs_and_secrets(string name, string kebab, string snake)
    {
        Assert.Equal(kebab, CaseStyle.Kebab(name));
        Assert.Equal(snake, CaseStyle.ScreamingSnake(name));
    }
}
