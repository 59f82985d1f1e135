using Docker.DotNet;
using Pipeline.Registry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Registry;

public sealed class PushTargetValidationTests
{
    [Theory]
    [InlineData("Bad", "1.0.0", "'127.0.0.1:1/Bad' is not a valid image reference")]
    [InlineData("app", "Tag!", "is not a valid image reference")]
    [InlineData("app", "Bad:Tag!", "is not a valid image reference")]
    [InlineData("app", "latest@sha256:0000000000000000000000000000000000000000000000000000000000000000", "is not a valid tag")]
    [InlineData("app:1.0", "1.0.0", "without a tag or digest")]
    [InlineData("app", ".hidden", "is not a valid image reference")]
    [InlineData("team//app", "1.0.0", "is not a valid image reference")]
    public async Task Invalid_repositories_and_tags_fail_before_any_registry_or_engine_call(string repository, string tag, string expected)
    {
        // Neither an engine nor a registry answers at these addresses: reaching either would fail with a different error.
        using var client = new DockerClientBuilder().WithEndpoint(new Uri($"unix:///tmp/no-engine-{Guid.NewGuid():N}.sock")).Build();
        var (log, sink) = InMemorySink.CreateLogger();

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(client, log).PushAsync("pipeline-test/any:latest", "127.0.0.1:1", repository, [tag], RegistryCredentials.None, CancellationToken.None));

        Assert.Contains(expected, error.Message);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public async Task No_tags_and_a_bad_registry_address_are_refused_up_front()
    {
        using var client = new DockerClientBuilder().WithEndpoint(new Uri($"unix:///tmp/no-engine-{Guid.NewGuid():N}.sock")).Build();
        var (log, _) = InMemorySink.CreateLogger();
        var pusher = new ImagePusher(client, log);

        var noTags = await Assert.ThrowsAsync<RegistryException>(() => pusher.PushAsync("x:latest", "127.0.0.1:1", "app", [], RegistryCredentials.None, CancellationToken.None));
        var badRegistry = await Assert.ThrowsAsync<RegistryException>(() => pusher.PushAsync("x:latest", "http://127.0.0.1:1", "app", ["1.0.0"], RegistryCredentials.None, CancellationToken.None));

        Assert.Contains("No tags given", noTags.Message);
        Assert.Contains("is not a registry address", badRegistry.Message);
    }
}
