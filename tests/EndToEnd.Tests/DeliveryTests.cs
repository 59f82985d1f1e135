using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Docker;
using Pipeline.Images;
using Pipeline.Registry;
using Pipeline.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// PromoteToProduction and Rollback through ./build.sh against the real engine and registry. Each test gets its own site
/// (prefix, ports, git clone with a bare origin) and removes everything it made; the release is pushed once per class.
/// </summary>
[Collection("build.sh")]
public sealed partial class DeliveryTests(DeliveryFixture release, Xunit.Abstractions.ITestOutputHelper console) : IClassFixture<DeliveryFixture>
{
    static string Digest(string image) => image[(image.IndexOf('@') + 1)..];

    /// <summary>Promotes the release, then the debug-as-production release (see <see cref="DeliveryFixture.DebugReleaseFile"/>); returns the rollback tag of the second.</summary>
    async Task<string> PromoteTwiceAsync(DeliverySite site)
    {
        var first = await site.PromoteAsync(release.ReleaseFile);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("first promotion", first.Output);
        var second = await site.PromoteAsync(release.DebugReleaseFile);
        Assert.True(second.ExitCode == 0, second.ToString());
        var tags = await site.OriginTagsAsync();
        return Assert.Single(tags);
    }

    [Fact]
    public async Task A_second_promotion_leaves_a_pushed_rollback_tag_and_a_backup()
    {
        await using var site = await DeliverySite.CreateAsync();

        var tag = await PromoteTwiceAsync(site);

        Assert.Matches(@"^rollback-\d{8}-\d{6}(-\d+)?$", tag);
        Assert.Contains(tag, await DeliverySite.Git(site.Repository, "tag", "-l", "rollback-*"));
        var manifest = await site.TagManifestAsync(tag);
        Assert.Equal(release.Release.Version, manifest["version"]!.GetValue<string>());
        Assert.Equal(release.ProductionImage, manifest["images"]!["app"]!.GetValue<string>());
        Assert.Contains(Digest(release.ProductionImage), manifest.ToJsonString());
        var backupId = manifest["backupId"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(site.BackupFolder, backupId, "manifest.json")),
            $"no manifest.json in {Path.Combine(site.BackupFolder, backupId)}; backups: {string.Join(", ", Directory.Exists(site.BackupFolder) ? Directory.GetFileSystemEntries(site.BackupFolder) : [])}");
        Assert.Equal(Digest(release.DebugImage), (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"]);
    }

    [Fact]
    public async Task Rollback_to_a_tag_redeploys_its_digest()
    {
        await using var site = await DeliverySite.CreateAsync();
        var tag = await PromoteTwiceAsync(site);
        Assert.True((await site.GetJsonAsync("/version"))["debuggingEnabled"]!.GetValue<bool>(), "the debug image should run before the rollback");

        var run = await site.RollbackAsync("--tag", tag);

        Assert.True(run.ExitCode == 0, run.ToString());
        var digest = Digest((await site.TagManifestAsync(tag))["images"]!["app"]!.GetValue<string>());
        Assert.Equal(digest, (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"]);
        var version = await site.GetJsonAsync("/version");
        Assert.Equal(release.Release.Version, version["version"]!.GetValue<string>());
        Assert.False(version["debuggingEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Emergency_rollback_serves_the_newest_point()
    {
        await using var site = await DeliverySite.CreateAsync();
        await PromoteTwiceAsync(site);

        var run = await site.RollbackAsync("--emergency");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("healthy", (await site.GetJsonAsync("/health"))["status"]!.GetValue<string>());
        Assert.Equal(Digest(release.ProductionImage), (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"]);
    }

    [Fact]
    public async Task An_unknown_tag_lists_the_nearest_and_changes_nothing()
    {
        await using var site = await DeliverySite.CreateAsync();
        var first = await site.PromoteAsync(release.ReleaseFile);
        Assert.True(first.ExitCode == 0, first.ToString());
        // A valid rollback point a day after the asked-for time, so it is certainly among the nearest whatever tags the clone brought.
        var near = "rollback-19990102-000000";
        var head = (await DeliverySite.Git(site.Repository, "rev-parse", "HEAD")).Trim();
        var message = Path.Combine(site.Folder, "tag-message.json");
        File.WriteAllText(message, JsonSerializer.Serialize(new
        {
            environment = "production", version = release.Release.Version, commit = head, images = new Dictionary<string, string> { ["app"] = release.ProductionImage },
            backupId = (string?)null, createdBy = "e2e", reason = "e2e", createdAt = DateTimeOffset.UtcNow,
        }));
        await DeliverySite.Git(site.Repository, "-c", "user.name=e2e", "-c", "user.email=e2e@localhost", "tag", "-a", near, head, "-F", message);
        var before = (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"];

        var run = await site.RollbackAsync("--tag", "rollback-19990101-000000");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("rollback-19990101-000000", run.Output);
        Assert.Contains(near, run.Output);
        Assert.Equal(before, (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"]);
    }

    [Fact]
    public async Task A_missing_release_file_deploys_nothing()
    {
        await using var site = await DeliverySite.CreateAsync();

        var run = await site.PromoteAsync("/nonexistent.json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/nonexistent.json", run.Output);
        Assert.Contains("PushImages", run.Output);
        Assert.Equal(0, await site.ContainerCountAsync(site.ProductionProject));
        Assert.False(await site.LockedAsync(), "a failed promotion left its lock behind");
    }

    [Fact]
    public async Task Of_two_clones_promoting_at_once_one_proceeds_and_a_holder_killed_with_SIGKILL_leaves_a_stale_lock_that_Unlock_recovers()
    {
        await using var site = await DeliverySite.CreateAsync();
        var paused = Path.Combine(site.Folder, "paused");
        var pause = new Dictionary<string, string> { [TestPause.PointVariable] = "before-deploy", [TestPause.MarkerVariable] = paused };
        var start = BuildScript.InterruptibleStartInfo(pause, ["PromoteToProduction", "--skip", .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile, "--lock-lease", "3s"]);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        using var holder = Process.Start(start)!;
        holder.StandardInput.Close();
        var output = new System.Text.StringBuilder();
        DataReceivedEventHandler collect = (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
        };
        holder.OutputDataReceived += collect;
        holder.ErrorDataReceived += collect;
        holder.BeginOutputReadLine();
        holder.BeginErrorReadLine();
        try
        {
            for (var clock = Stopwatch.StartNew(); !File.Exists(paused); await Task.Delay(100))
            {
                Assert.False(holder.HasExited, "the promotion ended before its deploy step:\n" + output);
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the promotion did not reach its deploy step within 3 minutes:\n" + output);
            }
            var clone = Path.Combine(site.Folder, "clone");
            await SiteRoot.CreateAsync(clone);
            string[] cloneArguments = [.. site.SiteArguments.Select(a => a == site.Repository ? clone : a)];

            var second = await BuildScript.RunAsync(["PromoteToProduction", "--skip", .. cloneArguments, "--release-manifest-file", release.DebugReleaseFile]);
            var status = await BuildScript.RunAsync(["Lock", "--status", "--environment", "production", .. cloneArguments]);

            Assert.NotEqual(0, second.ExitCode);
            Assert.Contains("production is locked by", second.Output);
            Assert.Contains($"(pid {holder.Id})", second.Output);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Contains($"(pid {holder.Id}) deploying {release.Release.Version}", status.Output);
            Assert.Contains("lease: live until", status.Output);
            Assert.Equal(0, Kill(holder.Id, 9));
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!holder.HasExited)
                holder.Kill();
        }
        console.WriteLine(output.ToString());
        Assert.True(await site.LockedAsync(), "SIGKILL gives the holder no chance to release its lock");

        Assert.True(await Poll.UntilTrueAsync(async _ => (await SiteEngine.LockAsync(site.Prefix))?.IsStale == true,
            new PollOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1)), CancellationToken.None), "the lock did not turn stale after its 3 s lease");
        var refused = await site.PromoteAsync(release.ReleaseFile);
        var unlock = await BuildScript.RunAsync(["Unlock", "--environment", "production", .. site.SiteArguments]);
        var audit = await BuildScript.RunAsync(["Audit", "--environment", "production", .. site.SiteArguments]);
        var promoted = await site.PromoteAsync(release.ReleaseFile);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("stopped renewing its lease", refused.Output);
        Assert.Contains("./build.sh Unlock --environment production", refused.Output);
        Assert.True(unlock.ExitCode == 0, unlock.ToString());
        Assert.Contains("lock removed", unlock.Output);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("audit log on its engine", audit.Output);
        Assert.Contains("unlock", audit.Output);
        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.False(await site.LockedAsync());
    }

    const string BadDockerfile = """
        FROM scratch
        COPY busybox /bin/busybox
        HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD ["/bin/busybox", "false"]
        CMD ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; while true; do /bin/busybox sleep 1; done"]
        """;

    [Fact]
    public async Task A_release_that_never_turns_healthy_is_rolled_back_with_the_data()
    {
        await using var site = await DeliverySite.CreateAsync();
        var repository = $"{site.Prefix}-bad";
        var image = $"localhost:5000/{repository}:1";
        using var registry = new RegistryClient("localhost:5000", RegistryCredentials.None);
        try
        {
            var first = await site.PromoteAsync(release.ReleaseFile);
            Assert.True(first.ExitCode == 0, first.ToString());
            var userId = await site.CreateUserAsync($"before-{site.Prefix}@example.com");

            var context = Path.Combine(site.Folder, "bad");
            Directory.CreateDirectory(context);
            File.Copy(File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox", Path.Combine(context, "busybox"));
            File.WriteAllText(Path.Combine(context, "Dockerfile"), BadDockerfile);
            await TestImages.DockerAsync("build", "-q", "-t", image, context);
            await TestImages.DockerAsync("push", image);
            var digest = await registry.GetManifestDigestAsync(repository, "1", CancellationToken.None) ?? throw new Xunit.Sdk.XunitException($"{image} is not in the registry");
            var badVersion = $"0.0.0-bad.{site.Prefix}";
            var badFile = Path.Combine(site.Folder, "release-bad.json");
            new ReleaseManifest(badVersion, release.Release.Commit, new Dictionary<string, string> { ["production"] = $"localhost:5000/{repository}@{digest}" }).Write(badFile);
            var auditStart = site.AuditLength;
            await using var github = await FakeGitHub.FakeGitHubServer.StartAsync();
            var token = NewToken();

            var run = await site.PromoteAsync(badFile, ["--deploy-timeout", "20s", .. GitHubArguments(github, token)]);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("rolled back", run.Output);
            Assert.Equal(release.Release.Version, (await site.GetJsonAsync("/version"))["version"]!.GetValue<string>());
            Assert.Equal(userId, (await site.GetJsonAsync($"/api/users/{userId}"))["id"]!.GetValue<long>());
            Assert.Equal(Digest(release.ProductionImage), (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"]);
            Assert.Contains(site.AuditSince(auditStart), e =>
                e["version"]?.GetValue<string>() == badVersion && e["outcome"]?.GetValue<string>() == "rolled-back");
            Assert.False(await site.LockedAsync(), "the failed promotion left its lock behind");
            // On GitHub: the failed deployment, then the automatic rollback as a deployment of its own; no release.
            var requests = github.Requests;
            Assert.Equal(6, requests.Count);
            var tag = Assert.Single(await site.OriginTagsAsync());
            AssertDeployment(requests[0], release.Release.Commit, badVersion, $"localhost:5000/{repository}@{digest}", tag, rollback: false);
            AssertStatuses(requests.Skip(1).Take(2), site, "in_progress", "failure");
            AssertDeployment(requests[3], release.Release.Commit, release.Release.Version, release.ProductionImage, tag, rollback: true);
            AssertStatuses(requests.Skip(4), site, "in_progress", "success");
            Assert.DoesNotContain(token, run.Output);
        }
        finally
        {
            await TestImages.RemoveAsync(repository);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task Ctrl_C_during_a_promotion_releases_the_lock()
    {
        await using var site = await DeliverySite.CreateAsync();
        var first = await site.PromoteAsync(release.ReleaseFile);
        Assert.True(first.ExitCode == 0, first.ToString());
        var paused = Path.Combine(site.Folder, "paused");
        var pause = new Dictionary<string, string> { [TestPause.PointVariable] = "before-deploy", [TestPause.MarkerVariable] = paused };

        var start = BuildScript.InterruptibleStartInfo(pause, ["PromoteToProduction", "--skip", .. site.SiteArguments, "--release-manifest-file", release.DebugReleaseFile]);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        using var process = Process.Start(start)!; // env and build.sh exec, so this pid is the build's own
        process.StandardInput.Close();
        var output = new System.Text.StringBuilder();
        DataReceivedEventHandler collect = (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The promotion holds the lock, has taken the backup and pushed the rollback tag, and waits at the deploy step.
            for (var clock = Stopwatch.StartNew(); !File.Exists(paused); await Task.Delay(100))
            {
                Assert.False(process.HasExited, "the promotion ended before its deploy step:\n" + output);
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the promotion did not reach its deploy step within 3 minutes:\n" + output);
            }
            Assert.True(await site.LockedAsync(), "the promotion should hold the lock at its deploy step:\n" + output);
            Assert.Equal(0, Kill(process.Id, 2));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }

        console.WriteLine(output.ToString());
        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}\n{output}");
        Assert.False(await site.LockedAsync(), "Ctrl-C left the lock behind:\n" + output);
        Assert.Contains(site.AuditSince(0), e => e["version"]?.GetValue<string>() == release.Release.Version && e["outcome"]?.GetValue<string>() == "rolled-back");
        Assert.Equal("healthy", (await site.GetJsonAsync("/health"))["status"]!.GetValue<string>());
        Assert.Equal(Digest(release.ProductionImage), (await site.ProductionLabelsAsync())!["org.app-pipeline.digest"]);
    }
}
