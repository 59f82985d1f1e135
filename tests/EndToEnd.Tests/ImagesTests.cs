using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Images;
using Pipeline.Registry;

namespace EndToEnd.Tests;

/// <summary>The images stage of the real sample service, through ./build.sh, against the real engine and registry.</summary>
[Collection("build.sh")]
public sealed class ImagesTests
{
    [Fact]
    public async Task ValidateProduction_and_PushImages_ship_both_stages_by_digest()
    {
        var run = await BuildScript.RunAsync("ValidateProduction", "PushImages");

        Assert.True(run.ExitCode == 0, run.ToString());
        var release = ReleaseManifest.Read(Path.Combine(BuildScript.Root, "artifacts", "release.json"));
        Assert.Equal(["debug", "development", "production"], release.Images.Keys.Order());
        using var registry = new RegistryClient("localhost:5000", RegistryCredentials.None);
        foreach (var (stage, reference) in release.Images)
        {
            Assert.StartsWith("localhost:5000/app@sha256:", reference);
            var suffix = stage switch { "production" => "", "development" => "-dev", _ => "-debug" };
            var digest = await registry.GetManifestDigestAsync("app", VersionTagsFor(release.Version) + suffix, CancellationToken.None);
            Assert.Equal(reference.Split('@')[1], digest);
        }

        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        var production = await engine.Images.InspectImageAsync(release.Images["production"]);
        var labels = production.Config?.Labels ?? throw new Xunit.Sdk.XunitException("the production image has no labels");
        Assert.Equal(release.Version, labels["org.opencontainers.image.version"]);
        Assert.Equal(release.Commit, labels["org.opencontainers.image.revision"]);
        Assert.True(labels.ContainsKey("org.opencontainers.image.created"));
        var source = await SourceInfo.FromGitAsync(BuildScript.Root, CancellationToken.None);
        if (source.SourceUrl is null)
            Assert.DoesNotContain(SourceInfo.SourceLabel, labels.Keys);
        else
            Assert.Equal(source.SourceUrl, labels[SourceInfo.SourceLabel]);
        Assert.NotEqual("root", production.Config.User);
        Assert.True(production.Size < 60_000_000, $"the production image is {production.Size / 1e6:0.0} MB (goal: under 60 MB)");
        await AssertNoShellAsync(engine, release.Images["production"]);
        Assert.Contains("ValidateProduction", run.Output);
        Assert.DoesNotContain(":latest", File.ReadAllText(Path.Combine(BuildScript.Root, "artifacts", "release.json")));
    }

    [Fact]
    public async Task A_missing_Dockerfile_stops_before_anything_is_built()
    {
        var run = await BuildScript.RunAsync("BuildImages", "--dockerfile", "no/such/Dockerfile");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("No Dockerfile at", run.Output);
        Assert.DoesNotContain("Target Publish", run.Output);
        Assert.DoesNotMatch(@"Publish\s+Succeeded", run.Output);
    }

    [Fact]
    public async Task An_invalid_image_name_stops_before_anything_is_built()
    {
        var run = await BuildScript.RunAsync("BuildImages", "--image-name", "Bad Name!");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not a valid image reference", run.Output);
        Assert.DoesNotMatch(@"Publish\s+Succeeded", run.Output);
    }

    [Fact]
    public async Task An_unreachable_registry_stops_before_anything_is_built_or_pushed()
    {
        var run = await BuildScript.RunAsync("PushImages", "--registry", "127.0.0.2:5999");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("127.0.0.2:5999", run.Output);
        Assert.DoesNotMatch(@"BuildProdImage\s+Succeeded", run.Output);
    }

    [Fact]
    public async Task A_Dockerfile_without_the_stage_names_the_stages_it_has()
    {
        var folder = Directory.CreateTempSubdirectory("e2e-stage-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM scratch AS production\nCOPY Dockerfile /\n");
            var run = await BuildScript.RunAsync("BuildDevImage", "--dockerfile", Path.Combine(folder, "Dockerfile"), "--context", folder, "--project", "");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Stage 'development' is not in", run.Output);
            Assert.Contains("production", run.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static async Task AssertNoShellAsync(DockerClient engine, string image)
    {
        var container = await engine.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, NetworkDisabled = true });
        try
        {
            foreach (var shell in new[] { "/bin/sh", "/bin/bash", "/usr/bin/perl" })
                await Assert.ThrowsAnyAsync<DockerApiException>(() =>
                    engine.Containers.GetArchiveFromContainerAsync(container.ID, new ContainerPathStatParameters { Path = shell }, statOnly: true));
        }
        finally
        {
            await engine.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    static string VersionTagsFor(string version) => Pipeline.Versioning.VersionTags.Sanitize(version);
}
