using Pipeline.Model;
namespace Pipeline.Machine;

/// <summary>What set-up found before changing anything.</summary>
internal sealed record MachineState(IReadOnlyList<string> MissingPackages, EngineStatus Engine, RegistryStatus Registry)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>True when nothing is missing, so set-up has nothing to do.</summary>
    public bool Complete => MissingPackages.Count == 0 && Engine.Answers && Registry.Answers;

    /// <summary>Looks at the packages, the engine and the registry, concurrently.</summary>
    public static async Task<MachineState> ReadAsync(MachineOptions options, RegistryAddress registry, CancellationToken ct)
    {
        var packages = AptPackages.MissingAsync(MachineSetup.Packages, ct);
        var engine = EngineProbe.ProbeAsync(options.EngineEndpoint, Timeout, ct);
        var answer = RegistryProbe.ProbeAsync(registry, Timeout, ct);
        return new(await packages, await engine, await answer);
    }
}
