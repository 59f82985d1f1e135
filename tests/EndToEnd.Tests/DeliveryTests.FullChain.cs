namespace EndToEnd.Tests;

public sealed partial class DeliveryTests
{
    /// <summary>The issue's done-when path, without --skip: the whole chain twice, then every kind of rollback.</summary>
    [Fact]
    public async Task The_full_chain_promotes_twice_and_every_rollback_mode_works()
    {
        await using var site = await DeliverySite.CreateAsync();
        var release = Path.Combine(site.Folder, "release.json");
        string[] promote = ["PromoteToProduction", .. site.SiteArguments, "--image-name", site.ImageName, "--release-manifest-file", release];

        var first = await BuildScript.RunAsync(promote);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("first promotion", first.Output);
        foreach (var gate in new[] { "ValidateProduction", "PushImages", "DeployStaging", "SyncProductionData", "HealthCheck", "WorkflowTests", "PromoteToProduction" })
            Assert.Matches($@"{gate}\s+Succeeded", first.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(first.Output, "No GitHub token"));

        await using var github = await FakeGitHub.FakeGitHubServer.StartAsync();
        var second = await BuildScript.RunAsync([.. promote, .. GitHubArguments(github, NewToken())]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Copied", second.Output, StringComparison.OrdinalIgnoreCase);
        var tag = Assert.Single(await site.OriginTagsAsync());
        AssertStagingThenProductionRecorded(github.Requests, site, Pipeline.Images.ReleaseManifest.Read(release), tag);

        var list = await site.RollbackAsync("--list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(tag, list.Output);

        var back = await site.RollbackAsync("--tag", tag);
        Assert.True(back.ExitCode == 0, back.ToString());
        var emergency = await site.RollbackAsync("--emergency");
        Assert.True(emergency.ExitCode == 0, emergency.ToString());
        Assert.Equal("healthy", (await site.GetJsonAsync("/health"))["status"]!.GetValue<string>());
    }

    /// <summary>DeployStaging's deployment and statuses, then the promotion's, then its release.</summary>
    static void AssertStagingThenProductionRecorded(IReadOnlyList<FakeGitHub.RecordedRequest> requests, DeliverySite site, Pipeline.Images.ReleaseManifest manifest, string tag)
    {
        Assert.Equal(7, requests.Count);
        var staging = requests[0].Json!;
        Assert.Equal("POST /repos/octo-org/app/deployments", $"{requests[0].Method} {requests[0].Path}");
        Assert.Equal(["staging", manifest.Commit, manifest.Version, manifest.Images["production"]],
            [staging["environment"]!.GetValue<string>(), staging["ref"]!.GetValue<string>(), staging["payload"]!["version"]!.GetValue<string>(), staging["payload"]!["digests"]!["app"]!.GetValue<string>()]);
        Assert.Equal(["in_progress", "success"], requests.Skip(1).Take(2).Select(r => r.Json!["state"]!.GetValue<string>()));
        Assert.All(requests.Skip(1).Take(2), r => Assert.Equal($"http://127.0.0.1:{site.StagingPort}/", r.Json!["environment_url"]!.GetValue<string>()));
        AssertDeployment(requests[3], manifest.Commit, manifest.Version, manifest.Images["production"], tag, rollback: false);
        AssertStatuses(requests.Skip(4).Take(2), site, "in_progress", "success");
        Assert.Equal("v" + manifest.Version, requests[6].Json!["tag_name"]!.GetValue<string>());
    }
}
