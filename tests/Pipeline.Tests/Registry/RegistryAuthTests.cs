using Pipeline.Registry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Registry;

public sealed class RegistryAuthTests
{
    private const string User = "ci-user";

    [Fact]
    public async Task Wrong_or_missing_credentials_fail_before_pushing_without_showing_the_password_and_right_ones_push()
    {
        var password = $"right-{Guid.NewGuid():N}";
        var wrong = $"wrong-{Guid.NewGuid():N}";
        await using var registry = await AuthRegistry.StartAsync(User, password);
        await using var image = await BusyboxImage.BuildAsync($"RUN echo {Guid.NewGuid():N} > /id");
        var repository = PushCleanup.UniqueRepository("auth");
        var (log, sink) = InMemorySink.CreateLogger();
        var pusher = new ImagePusher(image.Client, log);
        var right = new RegistryCredentials(User, password);
        try
        {
            var refused = await Assert.ThrowsAsync<RegistryException>(() =>
                pusher.PushAsync(image.Tag, registry.Address, repository, ["1.0.0"], new RegistryCredentials(User, wrong), CancellationToken.None));
            var anonymous = await Assert.ThrowsAsync<RegistryException>(() =>
                pusher.PushAsync(image.Tag, registry.Address, repository, ["1.0.0"], RegistryCredentials.None, CancellationToken.None));

            Assert.Contains($"refused the credentials for user {User}", refused.Message);
            Assert.Contains("--registry-username/--registry-password", refused.Message);
            Assert.DoesNotContain(wrong, refused.ToString());
            Assert.Contains("requires a login", anonymous.Message);
            Assert.False(await PushCleanup.ExistsLocallyAsync(image.Client, $"{registry.Address}/{repository}:1.0.0"));
            Assert.Empty(sink.Events);

            var pushed = await pusher.PushAsync(image.Tag, registry.Address, repository, ["1.0.0"], right, CancellationToken.None);

            using var client = new RegistryClient(registry.Address, right);
            Assert.Equal(pushed.Digest, await client.GetManifestDigestAsync(repository, "1.0.0", CancellationToken.None));
            Assert.Equal(3, pushed.LayersPushed + pushed.LayersAlreadyPresent);
            Assert.DoesNotContain(sink.Messages, m => m.Contains(password) || m.Contains(wrong));
            Assert.DoesNotContain(password, right.ToString());
        }
        finally
        {
            await PushCleanup.RemoveAsync(image.Client, registry.Address, repository, ["1.0.0"], right);
        }
    }

    [Fact]
    public async Task The_http_api_refuses_wrong_credentials_on_every_call_with_the_same_clear_message()
    {
        var wrong = $"wrong-{Guid.NewGuid():N}";
        await using var registry = await AuthRegistry.StartAsync(User, "right-password");
        using var client = new RegistryClient(registry.Address, new RegistryCredentials(User, wrong));

        var ping = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync(CancellationToken.None));
        var digest = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestDigestAsync("app", "1.0.0", CancellationToken.None));
        var tags = await Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync("app", CancellationToken.None));

        Assert.All(new[] { ping, digest, tags }, e => Assert.Equal(
            $"The registry at {registry.Address} refused the credentials for user {User}: check --registry-username/--registry-password.", e.Message));
    }
}
