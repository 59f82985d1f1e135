using System.Text.RegularExpressions;
using Pipeline.GitHub.Actions;
using static Pipeline.Tests.GitHub.Actions.WorkflowSamples;

namespace Pipeline.Tests.GitHub.Actions;

public sealed partial class ActionPinsTests
{
    [Fact]
    public void Every_pin_is_a_full_commit_of_a_v4_release()
    {
        Assert.Equal(5, ActionPins.All.Select(p => p.Repository).Distinct().Count());
        foreach (var pin in ActionPins.All)
        {
            Assert.Matches("^actions/[a-z-]+$", pin.Repository);
            Assert.Matches("^[0-9a-f]{40}$", pin.Commit);
            Assert.Matches(@"^v4\.\d+\.\d+$", pin.Version);
        }
    }

    [Fact]
    public void Every_action_a_workflow_uses_is_pinned_by_commit_with_its_version_in_a_comment()
    {
        var text = Generate(new GitHubActionsAttribute("promote")
        {
            OnWorkflowDispatch = true,
            StagingTargets = ["PushImages", "WorkflowTests"],
            InvokedTargets = ["PromoteToProduction"],
            PublishArtifacts = true,
            CacheNuGet = true,
        });

        var uses = text.Split('\n').Where(l => l.TrimStart().StartsWith("uses:", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, uses.Count);
        foreach (var line in uses)
        {
            var match = UsesLine().Match(line);
            Assert.True(match.Success, line);
            Assert.Contains(ActionPins.All, p => p.Repository == match.Groups["action"].Value && p.Commit == match.Groups["sha"].Value && p.Version == match.Groups["version"].Value);
        }
        Assert.Equal(ActionPins.DownloadArtifact.Reference, Parse(text).Steps("promote").Single(s => s.Has("uses") && s.Text("uses").Contains("download", StringComparison.Ordinal)).Text("uses"));
    }

    [Theory]
    [InlineData("artifacts/release.json|artifacts/workflow-tests-*.json", "artifacts")]
    [InlineData("artifacts/workflow-tests-*.json", "artifacts")]
    [InlineData("artifacts/a/x.json|artifacts/b/**", "artifacts")]
    [InlineData("out/x.json|artifacts/y.json", ".")]
    [InlineData("artifacts/release.json", null)]
    [InlineData("artifacts/test-results|artifacts/test-results", null)]
    public void The_artifact_root_is_where_upload_artifact_roots_the_files(string paths, string? root)
    {
        Assert.Equal(root, ArtifactRoot.Of(paths.Split('|')));
    }

    [GeneratedRegex(@"^\s+(- )?uses: (?<action>actions/[a-z-]+)@(?<sha>[0-9a-f]{40}) # (?<version>v4\.\d+\.\d+)$")]
    private static partial Regex UsesLine();
}
