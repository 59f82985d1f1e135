using Pipeline.Debugging;

namespace EndToEnd.Tests;

/// <summary>DebugSnapshot and DebugLocal refuse bad input with a clear error, a non-zero exit, and nothing left behind.</summary>
[Collection("build.sh")]
public sealed class DebugBadInputTests
{
    static readonly Dictionary<string, string> NoEnvironment = [];

    static string[] SnapshotFiles(DebugSite site) => Directory.Exists(site.SnapshotFolder) ? Directory.GetFiles(site.SnapshotFolder) : [];

    [Fact]
    public async Task A_snapshot_of_an_environment_with_nothing_deployed_fails_and_leaves_no_file()
    {
        await using var site = await DebugSite.CreateAsync();

        var run = await BuildScript.RunAsync(NoEnvironment, ["DebugSnapshot", "--environment", "staging", .. site.SiteArguments]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("nothing is deployed in staging: run ./build.sh DeployStaging", run.Output);
        Assert.Empty(SnapshotFiles(site));
    }

    [Fact]
    public async Task DebugLocal_with_a_missing_or_corrupt_snapshot_fails_and_starts_nothing()
    {
        await using var site = await DebugSite.CreateAsync();
        var corrupt = Path.Combine(site.Folder, "corrupt.tar.gz");
        await File.WriteAllTextAsync(corrupt, "not a snapshot");

        var missing = await BuildScript.RunAsync(NoEnvironment, ["DebugLocal", "--snapshot", Path.Combine(site.Folder, "missing.tar.gz"), .. site.SiteArguments]);
        var broken = await BuildScript.RunAsync(NoEnvironment, ["DebugLocal", "--snapshot", corrupt, .. site.SiteArguments]);

        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("No snapshot at", missing.Output);
        Assert.True(broken.ExitCode == 1, broken.ToString());
        Assert.Contains("is not a readable snapshot", broken.Output);
        Assert.Equal((0, 0), await site.LocalReplayLeftAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DebugLocal_needs_exactly_one_of_snapshot_and_stop(bool both)
    {
        await using var site = await DebugSite.CreateAsync();
        string[] flags = both ? ["--snapshot", Path.Combine(site.Folder, "x.tar.gz"), "--stop"] : [];

        var run = await BuildScript.RunAsync(NoEnvironment, ["DebugLocal", .. flags, .. site.SiteArguments]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("exactly one of --snapshot <file> (start a replay) or --stop", run.Output);
        Assert.Equal((0, 0), await site.LocalReplayLeftAsync());
    }

    [Fact]
    public async Task DebugLocal_without_the_debug_image_of_the_snapshots_version_says_what_to_build_and_starts_nothing()
    {
        await using var site = await DebugSite.CreateAsync();
        var path = Path.Combine(site.Folder, "old.tar.gz");
        await using (var writer = new SnapshotWriter(path))
        {
            var manifest = new SnapshotManifest(SnapshotManifest.CurrentFormat, "1.0.0", null, DateTimeOffset.UtcNow, "production", "app-production", "0.0.1-never-built", "abc",
                [new SnapshotService("app", "app-production_app_1", "app@sha256:00", null, "running", "healthy", 8080, [])], [], "empty", []);
            await writer.AddTextAsync(SnapshotManifest.EntryName, System.Text.Json.JsonSerializer.Serialize(manifest, JsonRedaction.Options), default);
            await writer.CompleteAsync();
        }

        var run = await BuildScript.RunAsync(NoEnvironment, ["DebugLocal", "--snapshot", path, .. site.SiteArguments]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("No debug image of version 0.0.1-never-built", run.Output);
        Assert.Contains("./build.sh BuildDebugImage", run.Output);
        Assert.Equal((0, 0), await site.LocalReplayLeftAsync());
    }
}
