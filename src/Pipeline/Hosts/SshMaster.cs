using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Docker;
using Pipeline.Model;
using Pipeline.Tools;

namespace Pipeline.Hosts;

/// <summary>
/// The one helper for the system <c>ssh</c>: a single ControlMaster connection to one host for the whole run (the user's
/// <c>~/.ssh/config</c>, agent and known_hosts apply; never a prompt), through which every command and port forward goes.
/// Its control socket lives in a private temporary folder, removed on dispose.
/// </summary>
public sealed partial class SshMaster : IAsyncDisposable
{
    readonly string folder;
    readonly int pid;
    int watcher;

    SshMaster(Host host, SshOptions options, string folder, int pid)
    {
        Host = host;
        Options = options;
        this.folder = folder;
        this.pid = pid;
    }

    /// <summary>The host.</summary>
    public Host Host { get; }

    /// <summary>How ssh is run.</summary>
    public SshOptions Options { get; }

    /// <summary>The private folder holding the control socket; callers may keep their own sockets here too.</summary>
    public string Folder => folder;

    string ControlPath => Path.Combine(folder, "ctl");

    /// <summary>The master's process id.</summary>
    internal int ProcessId => pid;

    /// <summary>Opens the master connection; throws <see cref="HostConnectionException"/> saying why and what to do when it cannot.</summary>
    public static Task<SshMaster> ConnectAsync(Host host, SshOptions options, CancellationToken cancellationToken) =>
        ConnectAsync(host, options, Environment.ProcessId, cancellationToken);

    /// <summary>Opens the master connection, which ends when process <paramref name="owner"/> ends (this process, but for tests).</summary>
    internal static async Task<SshMaster> ConnectAsync(Host host, SshOptions options, int owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var folder = Directory.CreateTempSubdirectory("pipeline-ssh-").FullName;
        try
        {
            var ssh = new ExternalTool("ssh");
            var start = await ssh.RunAsync(
                [.. Common(host, options, Path.Combine(folder, "ctl")), "-o", "ControlMaster=yes", "-o", "ControlPersist=yes", "-o", "ClearAllForwardings=yes", "-o", "ExitOnForwardFailure=yes",
                    "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4", "-f", "-N", host.SshDestination], cancellationToken);
            if (!start.Succeeded)
                throw SshErrors.Classify(host, options, start.StandardError, await SshEndpoint.ResolveAsync(host, options, cancellationToken));
            var check = await ssh.RunAsync([.. Common(host, options, Path.Combine(folder, "ctl")), "-O", "check", host.SshDestination], cancellationToken);
            var match = MasterPid().Match(check.StandardError);
            if (!match.Success)
                throw SshErrors.Classify(host, options, check.StandardError, await SshEndpoint.ResolveAsync(host, options, cancellationToken));
            var pid = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return new SshMaster(host, options, folder, pid) { watcher = await WatchAsync(owner, pid, folder, cancellationToken) };
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Ends the master (and with it every forward it holds, such as the registry carried to the server) when <paramref name="owner"/> ends,
    /// however it ends: a pipeline killed with SIGKILL must not leave the server's 127.0.0.1:5000 taken for the next deploy.
    /// </summary>
    static Task<int> WatchAsync(int owner, int master, string folder, CancellationToken cancellationToken) =>
        DetachedProcess.StartAsync(
            ["/bin/sh", "-c", "tail --pid=\"$1\" -f /dev/null; kill \"$2\" 2>/dev/null; rm -rf \"$3\"", "watch",
                owner.ToString(CultureInfo.InvariantCulture), master.ToString(CultureInfo.InvariantCulture), folder],
            "/dev/null", cancellationToken);

    /// <summary>The <c>ssh</c> arguments that run <paramref name="remoteCommand"/> on the host through the master connection.</summary>
    public IReadOnlyList<string> CommandArguments(params IEnumerable<string> remoteCommand) =>
        [.. Common(Host, Options, ControlPath), "-o", "ControlMaster=no", "-o", "RemoteCommand=none", "-T", Host.SshDestination, .. remoteCommand];

    /// <summary>Runs <paramref name="remoteCommand"/> on the host; never throws for a non-zero exit.</summary>
    public Task<ToolResult> RunAsync(IEnumerable<string> remoteCommand, CancellationToken cancellationToken) =>
        new ExternalTool("ssh").RunAsync(CommandArguments(remoteCommand), cancellationToken);

    /// <summary>Adds (<c>-O forward</c>) or removes (<c>-O cancel</c>) a forward such as <c>-L 127.0.0.1:8080:10.0.0.2:80</c>; returns ssh's error, or null.</summary>
    internal async Task<string?> ControlForwardAsync(string operation, string kind, string specification, CancellationToken cancellationToken)
    {
        var result = await new ExternalTool("ssh").RunAsync([.. Common(Host, Options, ControlPath), "-O", operation, kind, specification, Host.SshDestination], cancellationToken);
        return result.Succeeded ? null : LastLine(result.StandardError + result.StandardOutput);
    }

    /// <summary>How a user runs the same ssh by hand, for messages: <c>ssh [-F file] [-p port] user@host</c>.</summary>
    public static string CommandLine(Host host, SshOptions options) => string.Join(' ', ["ssh", .. Configured(host, options), host.SshDestination]);

    /// <summary>Closes the master connection (and with it every forward), waits for it to end, and removes the private folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await new ExternalTool("ssh").RunAsync([.. Common(Host, Options, ControlPath), "-O", "exit", Host.SshDestination]);
        if (!await Poll.UntilTrueAsync(_ => Task.FromResult(!DetachedProcess.IsRunning(pid)), new PollOptions(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5)), CancellationToken.None))
            await new ExternalTool("kill").RunAsync(["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        if (watcher > 0 && DetachedProcess.IsRunning(watcher))
            await new ExternalTool("kill").RunAsync(["-TERM", "--", $"-{watcher.ToString(CultureInfo.InvariantCulture)}"]);
    }

    internal static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";

    /// <summary>The config file and port options every ssh for <paramref name="host"/> passes (<c>-F file</c>, <c>-p port</c>).</summary>
    internal static IEnumerable<string> Configured(Host host, SshOptions options) =>
    [
        .. options.ConfigFile is { } file ? new[] { "-F", file } : [],
        .. host.SshPort != 22 ? new[] { "-p", host.SshPort.ToString(CultureInfo.InvariantCulture) } : [],
    ];

    static IEnumerable<string> Common(Host host, SshOptions options, string controlPath) =>
        [.. Configured(host, options), "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-S", controlPath];

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex MasterPid();
}
