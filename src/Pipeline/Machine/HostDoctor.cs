using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Model;
using Pipeline.Proxy;

namespace Pipeline.Machine;

/// <summary>
/// <c>Doctor --environment E</c>: checks every host of an environment, in parallel, as a deploy would reach it: SSH reachable and authenticated
/// (servers), the engine through the Engine API over that connection, free disk on the engine's data root, the edge proxy, and the registry as
/// the host reaches it. It only looks; each cell that fails carries the exact fix, and a host that cannot be reached never hides another's row.
/// </summary>
public static class HostDoctor
{
    static readonly TimeSpan CellLimit = TimeSpan.FromSeconds(20);

    /// <summary>One row per host of <paramref name="environment"/>, in the order it lists them.</summary>
    public static async Task<HostDoctorReport> CheckAsync(DeployEnvironment environment, MachineOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        var rows = new HostRow[environment.Hosts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Length), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.ParallelHosts), CancellationToken = ct },
            async (i, token) => rows[i] = await CheckAsync(environment.Hosts[i], options, token));
        return new HostDoctorReport(environment, rows);
    }

    static async Task<HostRow> CheckAsync(Host host, MachineOptions options, CancellationToken ct)
    {
        HostConnection connection;
        try
        {
            connection = await Engine.ConnectAsync(host, options.Ssh, ct);
        }
        catch (HostConnectionException e) when (e.Failure == HostFailure.NoEngine)
        {
            return HostRow.Unusable(host, HostCell.Ok("authenticated"), HostCell.Failed("no engine", e.Message));
        }
        catch (HostConnectionException e)
        {
            return HostRow.Unusable(host, HostCell.Failed(Label(e.Failure), e.Message), HostCell.NotChecked());
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var fix = e is EngineUnavailableException ? e.Message : $"Point DOCKER_HOST at a Unix socket or tcp:// engine, or name the server as an ssh:// host in deploy/environments.json ({e.GetBaseException().Message})";
            return HostRow.Unusable(host, NotSsh(host), HostCell.Failed("not answering", fix));
        }
        await using (connection)
        {
            var engine = CellAsync(() => HostProbes.EngineAsync(connection, ct), ct);
            var disk = CellAsync(() => HostProbes.DiskAsync(connection, ct), ct);
            var proxy = CellAsync(() => ProxyDoctorCheck.OnHostAsync(connection, options.Proxy, ct), ct);
            var registry = CellAsync(() => HostProbes.RegistryAsync(connection, options.Registry, ct), ct);
            var ssh = host.IsRemote ? HostCell.Ok("authenticated", connection.Transport) : NotSsh(host);
            return new HostRow(host, ssh, await engine, await disk, await proxy, await registry);
        }
    }

    static HostCell NotSsh(Host host) => HostCell.NotChecked(host.Kind == HostKind.Local ? "- (this machine)" : "- (local socket)");

    /// <summary>Runs one probe within <see cref="CellLimit"/>; an error or no answer becomes a failed cell, so one cell never hides the others.</summary>
    static async Task<HostCell> CellAsync(Func<Task<HostCell>> probe, CancellationToken ct)
    {
        try
        {
            return await probe().WaitAsync(CellLimit, ct);
        }
        catch (TimeoutException)
        {
            return HostCell.Failed("no answer", "Check the host's load and network, then run Doctor again", $"no answer within {CellLimit.TotalSeconds:0} s");
        }
        catch (HostConnectionException e)
        {
            return HostCell.Failed("refused", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HostCell.Failed("error", "See the reason below; run Doctor again once it is fixed", e.GetBaseException().Message);
        }
    }

    static string Label(HostFailure failure) => failure switch
    {
        HostFailure.Unreachable => "unreachable",
        HostFailure.AuthenticationRefused => "key refused",
        HostFailure.UnknownHostKey => "unknown host key",
        HostFailure.ForwardRefused => "forward refused",
        _ => failure.ToString(),
    };
}
