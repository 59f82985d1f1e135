using System.Globalization;
using Pipeline.Hosts;
using Pipeline.Model;

namespace Pipeline.Machine;

/// <summary>The cells of a connected host's row: engine version, free disk on its data root, and the registry as the host reaches it.</summary>
internal static class HostProbes
{
    /// <summary>The engine's version through the Engine API over the connection: the same path every deploy takes.</summary>
    public static async Task<HostCell> EngineAsync(HostConnection connection, CancellationToken ct)
    {
        var version = await connection.Client.System.GetVersionAsync(ct);
        return HostCell.Ok($"{version.Version} (API {version.APIVersion})", connection.Transport);
    }

    /// <summary>Free space on the engine's data root (<c>docker info</c>'s Docker Root Dir): <c>df</c> on the server over SSH, <c>statfs</c> here otherwise.</summary>
    public static async Task<HostCell> DiskAsync(HostConnection connection, CancellationToken ct)
    {
        var root = (await connection.Client.System.GetSystemInfoAsync(ct)).DockerRootDir;
        long free;
        string fix;
        if (connection.Ssh is { } ssh)
        {
            var df = await ssh.RunAsync(["df", "-Pk", Fixes.Quote(root)], ct);
            var fields = df.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!df.Succeeded || fields is not { Length: >= 6 } || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
                return HostCell.Warning("unknown", $"Check the disk by hand: {SshMaster.CommandLine(connection.Host, ssh.Options)} df -h {root}",
                    $"'df -Pk {root}' on the server answered: {SshMaster.LastLine(df.StandardError + df.StandardOutput)}");
            free = kilobytes * 1024;
            fix = $"Free space on {connection.Host}'s {root}: {SshMaster.CommandLine(connection.Host, ssh.Options)} 'docker system prune -f; docker image prune -a -f'";
        }
        else
        {
            if (!Directory.Exists(root))
                return HostCell.Warning("unknown", "Check the disk on the engine's machine: docker system df; df -h " + root, $"the engine's data root {root} is not on this machine");
            free = new DriveInfo(root).AvailableFreeSpace;
            fix = $"Free space on the disk holding {root}: docker system prune -f; docker image prune -a -f";
        }
        var status = DiskSpace.Judge(free);
        return new HostCell(status, DiskSpace.Text(free), status == CheckStatus.Ok ? null : fix, DiskSpace.Why(status) is { } why ? $"{why} on {root}" : null);
    }

    /// <summary>
    /// The registry as the host reaches it. For a server: this machine's own registry (localhost) is carried to the server's 127.0.0.1 through an SSH
    /// reverse forward, as a deploy does, and <c>GET /v2/</c> is sent from the server; any other registry is asked from the server directly. A host on
    /// this machine reaches the registry as this machine does.
    /// </summary>
    public static async Task<HostCell> RegistryAsync(HostConnection connection, RegistryAddress registry, CancellationToken ct)
    {
        if (connection.Ssh is not { } ssh)
        {
            var here = await RegistryProbe.ProbeAsync(registry, TimeSpan.FromSeconds(5), ct);
            return here.Answers ? HostCell.Ok(registry.Value, here.Detail)
                : HostCell.Failed("not answering", registry.IsLocal ? $"{Fixes.Setup}: it starts the registry on {registry.ListenAddress}" : $"Start the registry at {registry.Value} or check the network path to it", here.Detail);
        }
        if (!registry.IsLocal)
            return await FromServerAsync(ssh, registry.Host, registry.Port, "reached directly",
                $"Make {registry.Value} reachable from {connection.Host} (its DNS, firewall, routes), or deploy from the embedded registry ({RegistryAddress.Default}), which is carried to each server over SSH", ct);
        await using var carried = await connection.ReverseForwardAsync(registry.Port, ct);
        var local = await RegistryProbe.ProbeAsync(registry, TimeSpan.FromSeconds(5), ct);
        if (!local.Answers)
            return HostCell.Failed("not answering here", $"{Fixes.Setup}: it starts the registry on {registry.ListenAddress}, which deploys carry to each server over SSH", local.Detail);
        return await FromServerAsync(ssh, "127.0.0.1", registry.Port, "carried over SSH",
            $"Let sshd on {connection.Host} accept remote forwards ('AllowTcpForwarding yes' in /etc/ssh/sshd_config, then reload sshd)", ct);
    }

    static async Task<HostCell> FromServerAsync(SshMaster ssh, string host, int port, string how, string fix, CancellationToken ct)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        var answer = await ssh.RunAsync(["sh", "-c", Fixes.Quote(ProbeScript(host, port))], ct);
        var code = answer.StandardOutput.Trim();
        var detail = $"GET http://{address}/v2/ from {ssh.Host} answered {(code is "" or "000" ? SshMaster.LastLine(answer.StandardError) : code)}";
        return code is "200" or "401" ? HostCell.Ok(how, detail) : HostCell.Failed("not reachable", fix, detail);
    }

    /// <summary>
    /// A POSIX shell line printing the HTTP status of <c>GET http://address/v2/</c>: with curl when the server has it, otherwise with bash's
    /// <c>/dev/tcp</c> (Debian and Ubuntu servers have one of the two).
    /// </summary>
    static string ProbeScript(string host, int port)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        var bash = $"exec 3<>/dev/tcp/{host}/{port} && printf 'GET /v2/ HTTP/1.0\\r\\nHost: {address}\\r\\n\\r\\n' >&3 && head -n 1 <&3";
        return $"if command -v curl >/dev/null 2>&1; then curl -sS -o /dev/null -m 5 -w '%{{http_code}}' http://{address}/v2/; "
            + $"else timeout 5 bash -c {Fixes.Quote(bash)} | cut -d ' ' -f 2; fi";
    }
}
