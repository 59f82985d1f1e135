using Pipeline.Registry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Registry;

public sealed class ImagePusherTests
{
    private const string LocalRegistry = "localhost:5000";

    [Fact]
    public async Task Pushes_every_tag_and_the_registry_serves_the_digest_it_reported_then_a_second_push_uploads_nothing()
    {
        await using var image = await BusyboxImage.BuildAsync($"RUN echo {Guid.NewGuid():N} > /id");
        var repository = PushCleanup.UniqueRepository("push");
        string[] tags = ["1.2.3", "1.2.3-abc1234"];
        var (log, sink) = InMemorySink.CreateLogger();
        var pusher = new ImagePusher(image.Client, log);
        try
        {
            var first = await pusher.PushAsync(image.Tag, LocalRegistry, repository, tags, RegistryCredentials.None, CancellationToken.None);
            var firstLines = sink.Messages.ToList();
            var second = await pusher.PushAsync(image.Tag, LocalRegistry, repository, tags, RegistryCredentials.None, CancellationToken.None);

            using var registry = new RegistryClient(LocalRegistry, RegistryCredentials.None);
            var inspected = await image.Client.Images.InspectImageAsync(image.Tag);
            Assert.Equal($"{LocalRegistry}/{repository}", first.Repository);
            Assert.Matches("^sha256:[a-f0-9]{64}$", first.Digest);
            Assert.Equal(tags, first.Tags);
            foreach (var tag in tags)
                Assert.Equal(first.Digest, await registry.GetManifestDigestAsync(repository, tag, CancellationToken.None));
            Assert.Contains($"{LocalRegistry}/{repository}@{first.Digest}", inspected.RepoDigests);
            Assert.Equal(first.Reference, $"{LocalRegistry}/{repository}@{first.Digest}");
            Assert.Equal(tags.Order(), (await registry.ListTagsAsync(repository, CancellationToken.None)).Order());
            Assert.True(first.LayersPushed >= 1, $"the unique layer must be uploaded: {first}");
            Assert.Equal(3, first.LayersPushed + first.LayersAlreadyPresent);

            Assert.Equal(first.Digest, second.Digest);
            Assert.Equal(0, second.LayersPushed);
            Assert.Equal(3, second.LayersAlreadyPresent);
            Assert.Contains(firstLines, m => m.Contains("Push 1.2.3: ") && m.EndsWith(" Pushed"));
            Assert.Contains(sink.Messages, m => m.Contains("Push 1.2.3: ") && m.EndsWith(" Layer already exists"));
            Assert.Contains(sink.Messages, m => m.StartsWith($"Pushed {LocalRegistry}/{repository}@{first.Digest} (1.2.3, 1.2.3-abc1234)"));
            Assert.True(firstLines.Count < 60, $"push progress floods the log: {firstLines.Count} lines");

            Assert.True(await registry.DeleteManifestAsync(repository, first.Digest, CancellationToken.None));
            Assert.Null(await registry.GetManifestDigestAsync(repository, tags[0], CancellationToken.None));
            Assert.Empty(await registry.ListTagsAsync(repository, CancellationToken.None));
            Assert.False(await registry.DeleteManifestAsync(repository, first.Digest, CancellationToken.None));
        }
        finally
        {
            await PushCleanup.RemoveAsync(image.Client, LocalRegistry, repository, tags, RegistryCredentials.None);
        }
    }

    [Fact]
    public async Task An_unreachable_registry_fails_with_its_address_before_anything_is_tagged_or_pushed()
    {
        await using var image = await BusyboxImage.BuildAsync("CMD [\"true\"]");
        var registry = $"127.0.0.1:{TestMachine.FreePort()}";
        var repository = PushCleanup.UniqueRepository("unreachable");
        var (log, sink) = InMemorySink.CreateLogger();

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(image.Client, log).PushAsync(image.Tag, registry, repository, ["1.0.0"], RegistryCredentials.None, CancellationToken.None));

        Assert.Contains($"Nothing answers at http://{registry}/v2/", error.Message);
        Assert.Contains("./build.sh Setup", error.Message);
        Assert.Contains("--registry", error.Message);
        Assert.False(await PushCleanup.ExistsLocallyAsync(image.Client, $"{registry}/{repository}:1.0.0"));
        Assert.DoesNotContain(sink.Messages, m => m.StartsWith("Push", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_image_that_does_not_exist_is_named_with_what_to_do()
    {
        using var client = await Pipeline.Docker.Engine.ConnectAsync(CancellationToken.None);
        var (log, _) = InMemorySink.CreateLogger();
        var missing = $"pipeline-test/missing-{Guid.NewGuid():N}:latest";

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(client, log).PushAsync(missing, LocalRegistry, PushCleanup.UniqueRepository("missing"), ["1.0.0"], RegistryCredentials.None, CancellationToken.None));

        Assert.Contains(missing, error.Message);
        Assert.Contains("build it first", error.Message);
    }
}
