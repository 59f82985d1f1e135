using Pipeline.Images;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Images;

public sealed class BusyboxImageTests
{
    [Fact]
    public async Task Builds_a_tagged_image_through_the_engine_and_removes_it()
    {
        string tag;
        await using (var image = await BusyboxImage.BuildAsync("CMD [\"true\"]"))
        {
            tag = image.Tag;
            var inspected = await image.Client.Images.InspectImageAsync(tag);
            Assert.StartsWith("sha256:", inspected.ID);
        }
        using var client = await Pipeline.Docker.Engine.ConnectAsync(CancellationToken.None);
        await Assert.ThrowsAsync<global::Docker.DotNet.DockerImageNotFoundException>(() => client.Images.InspectImageAsync(tag));
    }

    [Fact]
    public async Task A_failing_step_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<ImageBuildException>(() => BusyboxImage.BuildAsync("RUN echo compiling && exit 3"));
        Assert.Contains("RUN echo compiling", error.Message);
        Assert.True(error.Message.Contains("non-zero code: 3"), error.Message);
    }

    [Fact]
    public void Dockerignore_rules_follow_docker_semantics()
    {
        var ignore = new DockerIgnore("**/bin\nobj/\n*.db\n!keep.db\n# comment\n");
        Assert.True(ignore.Excludes("bin/App.dll"));
        Assert.True(ignore.Excludes("src/bin/x"));
        Assert.True(ignore.Excludes("obj/project.assets.json"));
        Assert.True(ignore.Excludes("app.db"));
        Assert.False(ignore.Excludes("keep.db"));
        Assert.False(ignore.Excludes("src/app.db"));
        Assert.False(ignore.Excludes("Program.cs"));
    }
}
