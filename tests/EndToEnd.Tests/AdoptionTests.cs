using Pipeline.Images;

namespace EndToEnd.Tests;

/// <summary>Another service is adopted with parameters only: its own Dockerfile, port, health paths, no .NET project, no debug stage.</summary>
[Collection("build.sh")]
public sealed class AdoptionTests
{
    const string Dockerfile = """
        FROM scratch AS development
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        CMD ["sh", "-c", "echo development"]

        FROM development AS production
        RUN mkdir -p /www && echo ok > /www/healthz && echo ok > /www/readyz
        USER 10001
        HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["wget", "-q", "-O-", "http://127.0.0.1:3000/healthz"]
        CMD ["sh", "-c", "echo '{\"msg\":\"started\"}'; exec httpd -f -p 3000 -h /www"]
        """;

    [Fact]
    public async Task A_busybox_service_ships_with_parameters_only()
    {
        var name = $"adopt-{Guid.NewGuid():N}"[..14];
        var folder = Directory.CreateTempSubdirectory("e2e-adopt-").FullName;
        var release = Path.Combine(folder, "release.json");
        File.Copy(File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox", Path.Combine(folder, "busybox"));
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), Dockerfile);
        try
        {
            var run = await BuildScript.RunAsync("ValidateProduction", "PushImages",
                "--dockerfile", Path.Combine(folder, "Dockerfile"), "--context", folder, "--project", "", "--image-name", name,
                "--container-port", "3000", "--health-path", "/healthz", "--ready-path", "/readyz", "--version-path", "",
                "--release-manifest-file", release);

            Assert.True(run.ExitCode == 0, run.ToString());
            var manifest = ReleaseManifest.Read(release);
            Assert.Equal(["development", "production"], manifest.Images.Keys.Order());
            foreach (var reference in manifest.Images.Values)
                Assert.StartsWith($"localhost:5000/{name}@sha256:", reference);
            Assert.Matches(@"BuildDebugImage\s+Skipped", run.Output);
            Assert.Matches(@"Publish\s+Skipped", run.Output);
        }
        finally
        {
            await TestImages.RemoveAsync(name);
            Directory.Delete(folder, recursive: true);
        }
    }
}
