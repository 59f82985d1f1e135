using Pipeline.Debugging;

namespace EndToEnd.Tests;

/// <summary>DebugLocal pulls the debug image of the snapshot's version from the registry when the engine does not have it.</summary>
[Collection("build.sh")]
public sealed class DebugLocalPullTests
{
    const string Dockerfile = """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        CMD ["sh", "-c", "mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8080 -h /www"]
        """;

    [Fact]
    public async Task DebugLocal_pulls_a_debug_image_the_engine_lacks()
    {
        await using var site = await DebugSite.CreateAsync();
        var name = site.Prefix + "img";
        var version = $"0.0.1-pull.{site.Prefix}";
        var image = $"{TestImages.Registry}/{name}:{version}-debug";
        try
        {
            var context = Path.Combine(site.Folder, "image");
            Directory.CreateDirectory(context);
            File.Copy(File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox", Path.Combine(context, "busybox"));
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Dockerfile);
            await TestImages.DockerAsync("build", "-q", "-t", image, context);
            await TestImages.DockerAsync("push", "-q", image);
            await TestImages.DockerAsync("rmi", image);
            var snapshot = Path.Combine(site.Folder, "snapshot.tar.gz");
            await using (var writer = new SnapshotWriter(snapshot))
            {
                var manifest = new SnapshotManifest(SnapshotManifest.CurrentFormat, "1.0.0", null, DateTimeOffset.UtcNow, "production", $"{site.Prefix}-production", version, "abc",
                    [new SnapshotService("app", $"{site.Prefix}-production_app_1", "app@sha256:00", null, "running", "healthy", 8080, [])], [], "empty", []);
                await writer.AddTextAsync(SnapshotManifest.EntryName, JsonRedaction.Serialize(manifest, new ValueRedactor(new HostMasker(new Targets.Redactor()))), default);
                await writer.CompleteAsync();
            }

            var run = await BuildScript.RunAsync(["DebugLocal", "--snapshot", snapshot, "--image-name", name, .. site.SiteArguments]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains($"No {image} on this engine: pulling it", run.Output);
            Assert.Equal("ok", (await site.Http.GetStringAsync($"http://127.0.0.1:{site.LocalPort}/health")).Trim());
            var stop = await BuildScript.RunAsync(["DebugLocal", "--stop", .. site.SiteArguments]);
            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Equal((0, 0), await site.LocalReplayLeftAsync());
        }
        finally
        {
            await TestImages.RemoveAsync(name);
        }
    }
}
