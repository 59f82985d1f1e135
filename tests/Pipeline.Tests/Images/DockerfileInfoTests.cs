using Pipeline.Images;

namespace Pipeline.Tests.Images;

public sealed class DockerfileInfoTests
{
    [Fact]
    public void Reads_stages_base_image_arguments_and_their_defaults()
    {
        var info = DockerfileInfo.Read(Path.Combine(Support.TestMachine.RepositoryRoot, "src", "App", "Dockerfile"));

        Assert.Equal(["development", "runtime", "production-files", "production", "debug-root", "debug"], info.Stages);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", info.ArgDefaults["SDK_IMAGE"]);
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", info.ArgDefaults["RUNTIME_IMAGE"]);
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0", info.ArgDefaults["DEBUG_IMAGE"]);
        Assert.Equal(["${SDK_IMAGE}", "${RUNTIME_IMAGE}", "${DEBUG_IMAGE}"], info.BaseImages);
    }

    [Fact]
    public void A_missing_Dockerfile_says_which_parameter_to_set()
    {
        var error = Assert.Throws<ImageBuildException>(() => DockerfileInfo.Read("/nonexistent/Dockerfile"));

        Assert.Contains("No Dockerfile at /nonexistent/Dockerfile", error.Message);
        Assert.Contains("--dockerfile", error.Message);
    }

    [Fact]
    public void An_unknown_stage_lists_the_stages_there_are()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "ARG BASE=busybox\nFROM ${BASE} AS build\nFROM build AS production\n");
            var error = Assert.Throws<ImageBuildException>(() => DockerfileInfo.Read(file).RequireStage("development"));

            Assert.Contains("Stage 'development' is not in", error.Message);
            Assert.Contains("build, production", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("app:1.2.3")]
    [InlineData("localhost:5000/team/app:1.2.3-abc1234")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Valid_references_parse(string reference) => Assert.Equal(reference, ImageReference.Parse(reference).ToString());

    [Theory]
    [InlineData("Bad Name!")]
    [InlineData("App:1.0")]
    [InlineData("app:-leading-dash")]
    [InlineData("app:has+plus")]
    public void Invalid_references_are_refused_with_the_rule(string reference)
    {
        var error = Assert.Throws<ImageBuildException>(() => ImageReference.Parse(reference));
        Assert.Contains("not a valid image reference", error.Message);
    }
}
