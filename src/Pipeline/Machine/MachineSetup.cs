using Pipeline.Model;
using Serilog;

namespace Pipeline.Machine;

/// <summary>
/// Makes this machine ready for the pipeline, idempotently: installs the Debian packages that are missing, starts
/// <c>dockerd</c> when no engine answers, and starts the local registry when none answers. It changes a machine only
/// on Debian/Ubuntu as root or in CI; elsewhere, when something is missing, it throws a
/// <see cref="MachineSetupException"/> with the exact steps to run by hand. When nothing is missing it succeeds
/// anywhere and changes nothing.
/// </summary>
public static class MachineSetup
{
    /// <summary>The Debian packages the pipeline needs.</summary>
    public static IReadOnlyList<string> Packages { get; } = ["docker.io", "docker-compose", "docker-registry", "busybox-static", "debootstrap"];

    /// <summary>Brings the machine to the state <see cref="Doctor"/> checks for; the result lists what changed.</summary>
    public static Task<SetupResult> RunAsync(MachineOptions options, ILogger log, CancellationToken ct) =>
        RunAsync(options, MachineFacts.Detect(), log, ct);

    /// <summary>
    /// Installs whichever of <paramref name="packages"/> are missing (apt-get, non-interactive) and returns them;
    /// the same rules as <see cref="RunAsync(MachineOptions, ILogger, CancellationToken)"/> decide whether it may.
    /// </summary>
    public static Task<IReadOnlyList<string>> EnsurePackagesAsync(IReadOnlyList<string> packages, ILogger log, CancellationToken ct) =>
        EnsurePackagesAsync(packages, MachineFacts.Detect(), MachineFacts.IsCIEnvironment, log, ct);

    internal static async Task<IReadOnlyList<string>> EnsurePackagesAsync(IReadOnlyList<string> packages, MachineFacts facts, bool isCI, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        var missing = await AptPackages.MissingAsync(packages, ct);
        if (missing.Count == 0)
        {
            log.Information("Packages present: {Packages}", packages);
            return [];
        }
        if (!facts.MayChange(isCI))
            throw new MachineSetupException(ManualInstructions.ForPackages(facts, isCI, missing));
        await AptPackages.InstallAsync(missing, !facts.IsRoot, log, ct);
        return missing;
    }

    internal static async Task<SetupResult> RunAsync(MachineOptions options, MachineFacts facts, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var registry = options.Registry;
        log.Information("Checking this machine ({Machine}): packages, the engine at {Endpoint}, the registry at {Registry}", facts.Describe(), options.EngineEndpoint, registry.Value);
        var state = await MachineState.ReadAsync(options, registry, ct);
        LogState(state, log);
        if (state.Complete)
            return new([]);
        if (!state.Engine.Answers && !Fixes.IsLocalSocket(options.EngineEndpoint))
            throw new MachineSetupException($"No Docker engine answers at {options.EngineEndpoint} ({state.Engine.Error}). Setup only starts a local engine: start that one, or unset DOCKER_HOST to use this machine's.");
        if (!state.Registry.Answers && RegistryConfig.WhyNotStart(options) is { } why)
            throw new MachineSetupException($"The registry {registry.Value} is unreachable ({state.Registry.Detail}). {why} Nothing was changed.");
        if (!facts.MayChange(options.IsCI))
            throw new MachineSetupException(ManualInstructions.For(options, registry, facts, state));

        var changes = new List<string>();
        if (state.MissingPackages.Count > 0)
        {
            await AptPackages.InstallAsync(state.MissingPackages, !facts.IsRoot, log, ct);
            changes.AddRange(state.MissingPackages.Select(p => $"Installed {p}"));
        }
        if (!state.Engine.Answers && !(await EngineProbe.ProbeAsync(options.EngineEndpoint, TimeSpan.FromSeconds(5), ct)).Answers)
            changes.Add(await EngineStarter.StartAsync(options, !facts.IsRoot, log, ct));
        if (!state.Registry.Answers && !(await RegistryProbe.ProbeAsync(registry, TimeSpan.FromSeconds(5), ct)).Answers)
            changes.Add(await RegistryStarter.StartAsync(options, registry, log, ct));
        return new(changes);
    }

    private static void LogState(MachineState state, ILogger log)
    {
        if (state.MissingPackages.Count == 0)
            log.Information("Packages present: {Packages}", Packages);
        else
            log.Information("Packages missing: {Packages}", state.MissingPackages);
        if (state.Engine.Answers)
            log.Information("The Docker engine answers: {Version} (API {ApiVersion})", state.Engine.Version, state.Engine.ApiVersion);
        else
            log.Information("No Docker engine answers: {Error}", state.Engine.Error);
        log.Information(state.Registry.Answers ? "The registry answers: {Detail}" : "No registry answers: {Detail}", state.Registry.Detail);
    }
}
