using Pipeline.Images;
using Pipeline.Tests.Support.Servers;
using Pipeline.Tools;

namespace EndToEnd.Tests;

/// <summary>
/// A production of a good server and one that cannot be used, through the real <c>./build.sh PromoteToProduction</c>: the run stops
/// with a message naming the bad host and the fix, a non-zero exit, and nothing of the site on either server.
/// </summary>
public sealed class FleetBadInputTests(TwoServers servers, ServerWithoutEngine noEngine)
    : IClassFixture<TwoServers>, IClassFixture<ServerWithoutEngine>, IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fleet-bad-");

    public void Dispose() => folder.Delete(recursive: true);

    TestServer Good => servers.Servers[0];

    TestServer Other => servers.Servers[1];

    [Theory]
    [InlineData("unreachable", "Cannot reach {0} over SSH (ssh: connect to host {1} port 2: Connection refused). Check that the server is up, that {1} resolves and that sshd listens on port 2 there")]
    [InlineData("refused-key", "{0} refused every SSH key offered")]
    [InlineData("unknown-host-key", "The SSH host key of {0} is not in known_hosts")]
    [InlineData("no-docker", "{0} answers over SSH but no Docker engine answers there")]
    public async Task A_host_that_cannot_be_used_stops_the_promotion_naming_it_and_changes_no_server(string problem, string message)
    {
        var (bad, entry) = await BadHostAsync(problem);
        var config = Path.Combine(folder.FullName, "ssh_config");
        SshClientConfig.Write(config, [servers.Entry(Good), entry]);
        var manifest = Path.Combine(folder.FullName, "release.json");
        new ReleaseManifest("v-never", "0000000", new Dictionary<string, string> { ["production"] = $"localhost:5000/never@sha256:{new string('0', 64)}" }).Write(manifest);
        await using var fleet = await FleetSite.CreateAsync([Good, Other], config, [Good.Name, bad]);

        var run = await fleet.PromoteAsync(manifest);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains(string.Format(message, bad, Other.Address), run.Output, StringComparison.Ordinal);
        foreach (var server in fleet.Servers)
            Assert.Empty(await fleet.LeftOnAsync(server));
        Assert.Empty(await fleet.Site.OriginTagsAsync());
    }

    async Task<(string Alias, SshClientConfig Entry)> BadHostAsync(string problem)
    {
        switch (problem)
        {
            case "unreachable":
                return Aliased(servers.Entry(Other) with { Port = 2 });
            case "refused-key":
                var key = Path.Combine(folder.FullName, "other_key");
                await new ExternalTool("ssh-keygen").RunCheckedAsync(["-q", "-t", "ed25519", "-N", "", "-f", key]);
                return Aliased(servers.Entry(Other) with { IdentityFile = key });
            case "unknown-host-key":
                var knownHosts = Path.Combine(folder.FullName, "known_hosts");
                File.WriteAllText(knownHosts, "");
                return Aliased(servers.Entry(Other) with { KnownHostsFile = knownHosts });
            default:
                var entry = noEngine.Entry(noEngine.Servers[0]);
                return (entry.Alias, entry);
        }
    }

    static (string, SshClientConfig) Aliased(SshClientConfig entry)
    {
        var alias = entry.Alias + "x";
        return (alias, entry with { Alias = alias });
    }
}
