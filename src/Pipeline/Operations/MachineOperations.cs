using Pipeline.Machine;
using Pipeline.Model;

namespace Pipeline.Operations;

/// <summary>The machine's targets, by <paramref name="machine"/>: check the prerequisites, set them up.</summary>
public sealed class MachineOperations(PipelineContext run, MachineOptions machine)
{
    /// <summary>
    /// Checks every prerequisite of this machine and, given an <paramref name="environment"/>, every host of it (at the same time), and prints
    /// the reports; throws when a required prerequisite is missing or a host failed, naming the hosts.
    /// </summary>
    public async Task DoctorAsync(DeployEnvironment? environment, CancellationToken cancellationToken)
    {
        var checking = environment is null ? null : HostDoctor.CheckAsync(environment, machine, cancellationToken);
        var report = await Doctor.CheckAsync(machine, cancellationToken);
        run.Output.Print(w => report.Write(w));
        var hosts = checking is null ? null : await checking;
        if (hosts is not null)
        {
            run.Output.Print(w => hosts.Write(w));
            if (hosts.FailedHosts.Count == 0)
                run.Output.Report("", $"{hosts.Rows.Count} host(s) of {environment} ready");
        }
        if (!report.RequiredSatisfied)
            throw new OperationFailedException($"Some required prerequisites are missing; run the fixes shown above (usually '{Commands.Setup}' as root).");
        if (hosts is { FailedHosts.Count: > 0 })
            throw new OperationFailedException($"{environment} is not ready on {string.Join(", ", hosts.FailedHosts)}: run the fixes shown under its hosts table, then '{hosts.Command}' again.");
    }

    /// <summary>Installs and starts what the pipeline needs.</summary>
    public async Task SetupAsync(CancellationToken cancellationToken)
    {
        var result = await MachineSetup.RunAsync(machine, run.Log, cancellationToken);
        if (result.ChangedNothing)
            run.Log.Information("Nothing to do: packages installed, engine and registry answering");
        run.Output.Report("", result.ChangedNothing ? "nothing to do" : string.Join(", ", result.Changes));
    }
}
