using System.Net;
using Pipeline.Registry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Registry;

public sealed class RegistryClientTests
{
    [Fact]
    public async Task The_local_registry_answers_and_knows_nothing_of_an_unknown_repository()
    {
        using var client = new RegistryClient("localhost:5000", RegistryCredentials.None);
        var repository = PushCleanup.UniqueRepository("unknown");

        await client.PingAsync(CancellationToken.None);

        Assert.Null(await client.GetManifestDigestAsync(repository, "1.0.0", CancellationToken.None));
        Assert.Empty(await client.ListTagsAsync(repository, CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_listening_is_reported_with_the_address_and_what_to_run()
    {
        var registry = $"127.0.0.1:{TestMachine.FreePort()}";
        using var client = new RegistryClient(registry, new RegistryCredentials("user", "hunter22"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync(CancellationToken.None));

        Assert.StartsWith($"Nothing answers at http://{registry}/v2/ (", error.Message);
        Assert.EndsWith("— run ./build.sh Setup or check --registry.", error.Message);
        Assert.DoesNotContain("hunter22", error.ToString());
    }

    [Fact]
    public async Task Something_that_is_not_a_registry_is_named_with_its_status()
    {
        using var server = new HttpListener();
        var port = TestMachine.FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var answer = Task.Run(async () =>
        {
            var context = await server.GetContextAsync();
            context.Response.StatusCode = 404;
            context.Response.Close();
        });
        using var client = new RegistryClient($"127.0.0.1:{port}", RegistryCredentials.None);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync(CancellationToken.None));
        await answer;

        Assert.Contains($"GET http://127.0.0.1:{port}/v2/ answered 404", error.Message);
        Assert.Contains("Docker registry (v2 API)", error.Message);
    }

    [Theory]
    [InlineData("Upper/Case", "1.0.0")]
    [InlineData("app", "bad tag")]
    public async Task Invalid_names_are_refused_before_a_request(string repository, string tag)
    {
        using var client = new RegistryClient($"127.0.0.1:{TestMachine.FreePort()}", RegistryCredentials.None);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestDigestAsync(repository, tag, CancellationToken.None));

        Assert.Contains("is not a valid image reference", error.Message);
    }

    [Fact]
    public void Credentials_never_print_the_password()
    {
        var credentials = new RegistryCredentials("ci", "p4ssw0rd-value");

        Assert.Equal("user ci (password hidden)", credentials.ToString());
        Assert.Equal("no credentials", RegistryCredentials.None.ToString());
        Assert.DoesNotContain("p4ssw0rd-value", $"{credentials}");
    }
}
