using System.Globalization;
using Pipeline.Hosts;
using Pipeline.Tools;

namespace Pipeline.Tests.Support.Servers;

/// <summary>
/// A class fixture of <paramref name="count"/> real test servers (see <see cref="TestServer"/>) sharing one client key,
/// one known_hosts file holding their host keys, and one ssh config file naming each (<see cref="Ssh"/>). Everything is
/// removed on dispose, also when a test failed; a failed start removes what it had made.
/// </summary>
/// <param name="count">How many servers.</param>
/// <param name="withEngine">False for servers whose sshd works but whose <c>DOCKER_HOST</c> socket has no engine behind it.</param>
/// <param name="sshdSettings">Lines appended to every server's sshd_config.</param>
public class TestServers(int count, bool withEngine = true, string sshdSettings = "") : IAsyncLifetime
{
    static readonly SemaphoreSlim Sweeping = new(1, 1);
    readonly List<TestServer> servers = [];

    /// <summary>The fixture's folder: <c>/tmp/pts-xxxxxx</c> (short, for the sockets inside), with the test process's id in its <c>owner</c> file.</summary>
    public string Folder { get; } = CreateFolder();

    /// <summary>The servers.</summary>
    public IReadOnlyList<TestServer> Servers => servers;

    /// <summary>The client's private key, authorised on every server.</summary>
    public string ClientKey => Path.Combine(Folder, "client_key");

    /// <summary>The known_hosts file holding every server's host key.</summary>
    public string KnownHostsFile => Path.Combine(Folder, "known_hosts");

    /// <summary>The ssh config file naming every server by its <see cref="TestServer.Name"/>.</summary>
    public string ConfigFile => Path.Combine(Folder, "ssh_config");

    /// <summary>The ssh options that reach the servers.</summary>
    public SshOptions Ssh => new(ConfigFile);

    /// <summary>The ssh config entry for <paramref name="server"/>, to write variants of (another key, another known_hosts, another port).</summary>
    public SshClientConfig Entry(TestServer server) => new(server.Name, server.Address, ClientKey, KnownHostsFile);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            await RemoveLeftoversAsync();
            await new ExternalTool("ssh-keygen").RunCheckedAsync(["-q", "-t", "ed25519", "-N", "", "-C", "pipeline-tests", "-f", ClientKey]);
            var id = Path.GetFileName(Folder)[4..];
            var started = Enumerable.Range(0, count).Select(i => TestServer.StartAsync($"pts{id[..6]}{i}", Path.Combine(Folder, i.ToString(CultureInfo.InvariantCulture)), ClientKey + ".pub", withEngine, sshdSettings)).ToList();
            try
            {
                await Task.WhenAll(started);
            }
            finally
            {
                servers.AddRange(started.Where(task => task.IsCompletedSuccessfully).Select(task => task.Result));
            }
            File.WriteAllLines(KnownHostsFile, servers.Select(server => server.KnownHostsLine));
            SshClientConfig.Write(ConfigFile, servers.Select(Entry));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    static string CreateFolder()
    {
        var folder = Directory.CreateDirectory($"/tmp/pts-{Guid.NewGuid():N}"[..15]).FullName;
        File.WriteAllText(Path.Combine(folder, "owner"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return folder;
    }

    /// <summary>Removes the servers of fixtures whose test process died before disposing them (its pid in the folder's <c>owner</c> file no longer runs).</summary>
    static async Task RemoveLeftoversAsync()
    {
        await Sweeping.WaitAsync();
        try
        {
            await RemoveLeftoversOnceAsync();
        }
        finally
        {
            Sweeping.Release();
        }
    }

    static async Task RemoveLeftoversOnceAsync()
    {
        foreach (var folder in Directory.GetDirectories("/tmp", "pts-*"))
        {
            var owner = Path.Combine(folder, "owner");
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || DetachedProcess.IsRunning(pid))
                continue;
            try
            {
                var id = Path.GetFileName(folder)[4..];
                foreach (var server in Directory.GetDirectories(folder))
                    await TestServer.RemoveAsync($"pts{id}{Path.GetFileName(server)}", server);
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Another test process is removing the same leftovers.
            }
        }
    }

    /// <summary>Stops and removes every server, then the folder.</summary>
    public async Task DisposeAsync()
    {
        await Task.WhenAll(servers.Select(server => server.DisposeAsync().AsTask()));
        servers.Clear();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Two test servers with engines.</summary>
public sealed class TwoServers() : TestServers(2);

/// <summary>One test server whose sshd refuses Unix socket forwards, so its engine is reached through <c>docker system dial-stdio</c>.</summary>
public sealed class ServerWithoutSocketForwarding() : TestServers(1, sshdSettings: "AllowStreamLocalForwarding no");

/// <summary>One test server whose sshd works and whose engine socket has nothing behind it.</summary>
public sealed class ServerWithoutEngine() : TestServers(1, withEngine: false);
