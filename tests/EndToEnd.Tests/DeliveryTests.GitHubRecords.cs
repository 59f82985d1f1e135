using System.Text.RegularExpressions;
using FakeGitHub;

namespace EndToEnd.Tests;

/// <summary>
/// Deployment records on GitHub through ./build.sh, against the local stand-in for GitHub's REST API (the only stand-in
/// these tests use). Part of <see cref="DeliveryTests"/> to share its pushed release.
/// </summary>
public sealed partial class DeliveryTests
{
    const string GitHubOwnerName = "octo-org/app";

    static string[] GitHubArguments(FakeGitHubServer github, string token) =>
        ["--github-token", token, "--github-repository", GitHubOwnerName, "--github-api-url", github.Url.ToString()];

    static string NewToken() => "ghp_e2e" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task GitHub_records_a_promotion_its_release_and_rollbacks()
    {
        await using var site = await DeliverySite.CreateAsync();
        await using var github = await FakeGitHubServer.StartAsync();
        var token = NewToken();
        var started = DateTime.UtcNow;

        var first = await site.PromoteAsync(release.ReleaseFile);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Single(Regex.Matches(first.Output, Regex.Escape("No GitHub token (--github-token / GITHUB_TOKEN): deployment records skipped")));

        var second = await site.PromoteAsync(release.DebugReleaseFile, GitHubArguments(github, token));
        Assert.True(second.ExitCode == 0, second.ToString());
        var tag = Assert.Single(await site.OriginTagsAsync());
        var promotion = github.Requests;
        Assert.Equal(4, promotion.Count);
        AssertDeployment(promotion[0], release.Release.Commit, release.Release.Version, release.DebugImage, tag, rollback: false);
        AssertStatuses(promotion.Skip(1).Take(2), site, "in_progress", "success");
        Assert.Equal("POST /repos/octo-org/app/releases", $"{promotion[3].Method} {promotion[3].Path}");
        Assert.Equal("v" + release.Release.Version, promotion[3].Json!["tag_name"]!.GetValue<string>());
        Assert.Equal(release.Release.Commit, promotion[3].Json!["target_commitish"]!.GetValue<string>());
        Assert.Contains($"./build.sh Rollback --tag {tag}", promotion[3].Json!["body"]!.GetValue<string>());

        var rollback = await site.RollbackAsync(["--tag", tag, .. GitHubArguments(github, token)]);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var back = github.Requests.Skip(4).ToList();
        Assert.Equal(3, back.Count);
        var manifest = await site.TagManifestAsync(tag);
        AssertDeployment(back[0], manifest["commit"]!.GetValue<string>(), release.Release.Version, release.ProductionImage, tag, rollback: true);
        AssertStatuses(back.Skip(1), site, "in_progress", "success");

        github.Failure = FakeFailure.Unauthorized;
        var emergency = await site.RollbackAsync(["--emergency", .. GitHubArguments(github, token)]);
        Assert.True(emergency.ExitCode == 0, emergency.ToString());
        Assert.Equal(8, github.Requests.Count);
        Assert.Single(Regex.Matches(emergency.Output, Regex.Escape("GitHub refused the token (401)")));
        Assert.Equal("healthy", (await site.GetJsonAsync("/health"))["status"]!.GetValue<string>());

        Assert.All(github.Requests, r => Assert.Equal("Bearer " + token, r.Authorization));
        foreach (var run in new[] { second, rollback, emergency })
            Assert.DoesNotContain(token, run.Output);
        AssertNoTokenInLogs(site, token, started);
    }

    [Fact]
    public async Task GitHub_arguments_that_are_malformed_stop_before_anything_runs()
    {
        await using var site = await DeliverySite.CreateAsync();

        foreach (var bad in new[] { new[] { "--github-repository", "not-a-repository" }, ["--github-api-url", "ftp://ghe.example.com/api/v3"] })
        {
            var run = await site.RollbackAsync(["--emergency", .. bad]);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--github-repository (owner/name) and --github-api-url (https://api.github.com or https://HOST/api/v3)", run.Output);
            Assert.Contains("Nothing was run", run.Output);
        }
        Assert.Equal(0, await site.ContainerCountAsync(site.ProductionProject));
    }

    [Fact]
    public async Task GitHub_settings_come_from_the_runner_variables()
    {
        await using var site = await DeliverySite.CreateAsync();
        await using var github = await FakeGitHubServer.StartAsync();
        var token = NewToken();

        var run = await BuildScript.RunAsync(
            new Dictionary<string, string>
            {
                ["GITHUB_TOKEN"] = token, ["GITHUB_REPOSITORY"] = GitHubOwnerName, ["GITHUB_API_URL"] = github.Url.ToString(),
                ["GITHUB_SERVER_URL"] = "https://github.example", ["GITHUB_RUN_ID"] = "77",
            },
            ["DeployStaging", "--skip", .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(token, run.Output);
        var requests = github.Requests;
        Assert.Equal(["/repos/octo-org/app/deployments", "statuses", "statuses"], requests.Select(r => r.Path.EndsWith("/statuses") ? "statuses" : r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer " + token, r.Authorization));
        Assert.Equal("staging", requests[0].Json!["environment"]!.GetValue<string>());
        Assert.All(requests.Skip(1), r => Assert.Equal("https://github.example/octo-org/app/actions/runs/77", r.Json!["log_url"]!.GetValue<string>()));
        Assert.Equal($"http://127.0.0.1:{site.StagingPort}/", requests[^1].Json!["environment_url"]!.GetValue<string>());
    }

    static void AssertDeployment(RecordedRequest request, string commit, string version, string image, string tag, bool rollback)
    {
        Assert.Equal("POST /repos/octo-org/app/deployments", $"{request.Method} {request.Path}");
        var json = request.Json!;
        Assert.Equal(commit, json["ref"]!.GetValue<string>());
        Assert.Equal("production", json["environment"]!.GetValue<string>());
        Assert.False(json["auto_merge"]!.GetValue<bool>());
        Assert.Empty(json["required_contexts"]!.AsArray());
        Assert.Equal(version, json["payload"]!["version"]!.GetValue<string>());
        Assert.Equal(image, json["payload"]!["digests"]!["app"]!.GetValue<string>());
        Assert.Equal(tag, json["payload"]!["rollback_tag"]!.GetValue<string>());
        Assert.Equal(rollback, json["payload"]!["rollback"]?.GetValue<bool>() ?? false);
    }

    /// <summary>The statuses of one deployment, in order, each with production's address.</summary>
    static void AssertStatuses(IEnumerable<RecordedRequest> requests, DeliverySite site, params string[] states)
    {
        var list = requests.ToList();
        Assert.Equal(states, list.Select(r => r.Json!["state"]!.GetValue<string>()));
        Assert.All(list, r =>
        {
            Assert.Matches(@"^/repos/octo-org/app/deployments/\d+/statuses$", r.Path);
            Assert.Equal($"http://127.0.0.1:{site.ProductionPort}/", r.Json!["environment_url"]!.GetValue<string>());
        });
        Assert.Single(list.Select(r => r.Path).Distinct());
    }

    /// <summary>No file under the site's logs/ written since <paramref name="since"/> holds the token.</summary>
    static void AssertNoTokenInLogs(DeliverySite site, string token, DateTime since)
    {
        var logs = Path.Combine(site.Repository, "logs");
        var files = Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories).Where(f => File.GetLastWriteTimeUtc(f) >= since.AddSeconds(-1)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Assert.DoesNotContain(token, new StreamReader(stream).ReadToEnd());
        }
    }
}
