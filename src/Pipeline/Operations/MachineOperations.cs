using Pipeline.Machine;

namespace Pipeline.Operations;

/// <summary>The machine's targets, by <paramref name="machine"/>: check the prerequisites, set them up.</summary>
public sealed class MachineOperations(PipelineContext run, MachineOptions machine)
{
    /// <summary>Checks every prerequisite and prints the report; throws when a required one is missing.</summary>
    public async Task DoctorAsync(CancellationToken cancellationToken)
    {
        var report = await Doctor.CheckAsync(machine, cancellationToken);
        run.Output.Print(w => report.Write(w));
        if (!report.RequiredSatisfied)
            throw new OperationFailedException($"Some required prerequisites are missing; run the fixes shown above (usually '{Commands.Setup}' as root).");
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
