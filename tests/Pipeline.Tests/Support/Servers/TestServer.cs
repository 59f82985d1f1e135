using System.Globalization;
using Docker.DotNet;
using Pipeline.Docker;
using Pipeline.Model;
using Pipeline.Tools;

namespace Pipeline.Tests.Support.Servers;

/// <summary>
/// A real "server" on this machine: a network namespace with its own address, its own <c>dockerd</c> (own data-root,
/// exec-root, pidfile and socket) and its own <c>sshd</c> (its own host key, key authentication, <c>DOCKER_HOST</c> set
/// to its engine). <see cref="DisposeAsync"/> stops both, waits for them, and deletes the namespace and the folder.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    static readonly PollOptions Quick = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30));

    readonly ServerNetwork network;
    int dockerdPid;
    int sshdPid;

    TestServer(ServerNetwork network, string folder)
    {
        this.network = network;
        Folder = folder;
    }

    /// <summary>The ssh alias, namespace and folder name, such as <c>pts3fa2c10</c>.</summary>
    public string Name => network.Name;

    /// <summary>The server's address in 10.213.0.0/16.</summary>
    public string Address => network.Address;

    /// <summary>The host as an environment names it: <c>ssh://Name</c> (the fixture's ssh config maps the alias).</summary>
    public Host Host => Host.Parse("ssh://" + Name);

    /// <summary>The server's own folder: data-root, exec-root, sockets, keys, logs.</summary>
    public string Folder { get; }

    /// <summary>The engine's socket (a path on this machine, as every path "on the server" is).</summary>
    public string EngineSocket => Path.Combine(Folder, "docker.sock");

    /// <summary>The host key line for known_hosts: <c>address type key</c>.</summary>
    public string KnownHostsLine { get; private set; } = "";

    /// <summary>
    /// Starts a server named <paramref name="name"/> in <paramref name="folder"/> that accepts <paramref name="authorizedKeysFile"/>;
    /// without an engine when <paramref name="withEngine"/> is false; <paramref name="sshdSettings"/> are appended to its sshd_config.
    /// </summary>
    public static async Task<TestServer> StartAsync(string name, string folder, string authorizedKeysFile, bool withEngine, string sshdSettings = "")
    {
        if (Executable.Find("sshd") is null)
            throw new InvalidOperationException("sshd is missing: install Debian's openssh-server (apt-get install -y openssh-server); the Test target's test tools include it.");
        var network = await ServerNetwork.CreateAsync(name);
        var server = new TestServer(network, Directory.CreateDirectory(folder).FullName);
        try
        {
            await server.StartAsync(authorizedKeysFile, withEngine, sshdSettings);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    async Task StartAsync(string authorizedKeysFile, bool withEngine, string sshdSettings)
    {
        var hostKey = Path.Combine(Folder, "host_key");
        var engine = withEngine ? StartEngineAsync() : Task.CompletedTask;
        await new ExternalTool("ssh-keygen").RunCheckedAsync(["-q", "-t", "ed25519", "-N", "", "-C", Name, "-f", hostKey]);
        var publicKey = File.ReadAllText(hostKey + ".pub").Split(' ');
        KnownHostsLine = $"{Address} {publicKey[0]} {publicKey[1]}";
        var config = Path.Combine(Folder, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress {Address}
            HostKey {hostKey}
            PidFile {Folder}/sshd.pid
            AuthorizedKeysFile {authorizedKeysFile}
            StrictModes no
            UsePAM no
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UseDNS no
            PrintMotd no
            PrintLastLog no
            AllowTcpForwarding yes
            SetEnv DOCKER_HOST=unix://{EngineSocket}
            {sshdSettings}
            """);
        Directory.CreateDirectory("/run/sshd");
        await new ExternalTool("nsenter").RunCheckedAsync([$"--net={network.Path}", Executable.Find("sshd")!, "-f", config, "-E", Path.Combine(Folder, "sshd.log")]);
        var pidFile = Path.Combine(Folder, "sshd.pid");
        if (!await Poll.UntilTrueAsync(_ => Task.FromResult(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0), Quick, CancellationToken.None))
            throw new InvalidOperationException($"sshd of test server {Name} wrote no pid file: {DetachedProcess.Tail(Path.Combine(Folder, "sshd.log"))}");
        sshdPid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        await engine;
    }

    async Task StartEngineAsync()
    {
        var log = Path.Combine(Folder, "dockerd.log");
        dockerdPid = await DetachedProcess.StartAsync(
            ["nsenter", $"--net={network.Path}", "dockerd", "--data-root", Path.Combine(Folder, "data"), "--exec-root", Path.Combine(Folder, "exec"),
                "--pidfile", Path.Combine(Folder, "dockerd.pid"), "-H", "unix://" + EngineSocket, "--log-level", "warn"], log);
        using var client = new DockerClientBuilder().WithEndpoint(new Uri("unix://" + EngineSocket)).Build();
        var ready = await Poll.UntilTrueAsync(async token =>
        {
            if (!DetachedProcess.IsRunning(dockerdPid))
                throw new InvalidOperationException($"dockerd of test server {Name} exited: {DetachedProcess.Tail(log)}");
            try
            {
                await client.System.PingAsync(token);
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException)
            {
                return false;
            }
        }, Quick, CancellationToken.None);
        if (!ready)
            throw new InvalidOperationException($"dockerd of test server {Name} did not answer within {Quick.Timeout.TotalSeconds:0}s: {DetachedProcess.Tail(log)}");
    }

    /// <summary>Stops sshd and dockerd (waiting for both), then removes the rest (see <see cref="RemoveAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(sshdPid);
        await StopAsync(dockerdPid);
        await RemoveAsync(network.Name, Folder);
    }

    /// <summary>
    /// Removes what is left of server <paramref name="name"/>, also after a test process was killed: stops every process
    /// still in its namespace (SIGTERM, so dockerd stops its containers and unmounts; SIGKILL when that is not enough),
    /// deletes the namespace and the veth pair, unmounts anything left below <paramref name="folder"/> and deletes it.
    /// </summary>
    public static async Task RemoveAsync(string name, string folder)
    {
        var network = new ServerNetwork(name, "");
        await Task.WhenAll((await network.ProcessesAsync()).Select(StopAsync));
        await network.DeleteAsync();
        await UnmountAsync(folder);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    static async Task StopAsync(int pid)
    {
        if (pid <= 0 || !DetachedProcess.IsRunning(pid))
            return;
        await new ExternalTool("kill").RunAsync(["-TERM", pid.ToString(CultureInfo.InvariantCulture)]);
        if (await Poll.UntilTrueAsync(_ => Task.FromResult(!DetachedProcess.IsRunning(pid)), Quick, CancellationToken.None))
            return;
        await new ExternalTool("kill").RunAsync(["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        await Poll.UntilTrueAsync(_ => Task.FromResult(!DetachedProcess.IsRunning(pid)), Quick, CancellationToken.None);
    }

    static async Task UnmountAsync(string folder)
    {
        var prefix = folder.TrimEnd('/') + "/";
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Select(line => line.Split(' ')[4]).Where(point => point.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var point in mounts.OrderByDescending(point => point.Length))
            await new ExternalTool("umount").RunAsync(["-l", point]);
    }
}
