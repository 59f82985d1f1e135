using Docker.DotNet;
using Pipeline.Docker;
using Pipeline.Images;
using Pipeline.Model;
using Pipeline.Registry;
using Pipeline.Tests.Support;
using Pipeline.Versioning;

namespace Pipeline.Tests.Registry;

public sealed class ReleasePublisherTests
{
    [Fact]
    public async Task A_push_with_nothing_built_fails_and_leaves_the_manifest_as_it_was()
    {
        var root = TestMachine.TempDirectory("publisher");
        try
        {
            var path = Path.Combine(root, "release.json");
            await File.WriteAllTextAsync(path, "the good manifest");
            using var client = await Engine.ConnectAsync(CancellationToken.None);
            var (log, _) = InMemorySink.CreateLogger();
            var version = await BuildVersion.FromGitAsync(TestMachine.RepositoryRoot, CancellationToken.None);

            var error = await Assert.ThrowsAsync<RegistryException>(() => new ReleasePublisher(client, new BuiltImages(), log)
                .PushAsync(RegistryAddress.Parse("127.0.0.1:1").Repository("app"), version, RegistryCredentials.None, path, CancellationToken.None));

            Assert.Contains("Nothing was built in this run, so nothing was pushed", error.Message);
            Assert.Contains("./build.sh PushImages", error.Message);
            Assert.Equal("the good manifest", await File.ReadAllTextAsync(path));
        }
        finally
        {
            TestMachine.Delete(root);
        }
    }

    [Theory]
    [InlineData("bob", null, true)]
    [InlineData("bob", "", true)]
    [InlineData("bob", "secret", false)]
    [InlineData(null, null, false)]
    [InlineData(null, "secret", false)]
    public void A_user_name_without_a_password_is_refused(string? username, string? password, bool refused)
    {
        var problem = RegistryCredentials.Problem(username, password);

        Assert.Equal(refused, problem is not null);
        if (refused)
            Assert.Contains("--registry-password", problem);
    }
}
