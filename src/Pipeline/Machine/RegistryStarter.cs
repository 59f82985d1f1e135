using Pipeline.Model;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Machine;

/// <summary>Starts the distribution registry (<c>docker-registry serve</c>) detached on 127.0.0.1 and waits for <c>GET /v2/</c>.</summary>
internal static class RegistryStarter
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The file holding the id of the registry process set-up started.</summary>
    public static string PidFileIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "registry.pid");

    /// <summary>Writes the config into the data directory, starts the registry and waits for it; returns the change made.</summary>
    public static async Task<string> StartAsync(MachineOptions options, RegistryAddress address, ILogger log, CancellationToken ct)
    {
        if (Executable.Find("docker-registry") is not { } registry)
            throw new MachineSetupException($"docker-registry is not installed, so no registry can be started. Install it as root: {AptPackages.CommandLine(["docker-registry"])}");
        var configFile = RegistryConfig.FileIn(options.RegistryDataDirectory);
        var config = RegistryConfig.Render(options.RegistryDataDirectory, address);
        Directory.CreateDirectory(RegistryConfig.StorageIn(options.RegistryDataDirectory));
        if (!File.Exists(configFile) || await File.ReadAllTextAsync(configFile, ct) != config)
        {
            log.Information("Writing the registry config {ConfigFile} (listens on {Address}, stores in {Storage})", configFile, address.ListenAddress, RegistryConfig.StorageIn(options.RegistryDataDirectory));
            await File.WriteAllTextAsync(configFile, config, ct);
        }
        var logFile = ServiceWait.LogFile(options.RootDirectory, "registry");
        log.Information("Starting the registry: {Registry} serve {ConfigFile} (log: {LogFile})", registry, configFile, logFile);
        var pid = await DetachedProcess.StartAsync([registry, "serve", configFile], logFile, ct);
        await File.WriteAllTextAsync(PidFileIn(options.RegistryDataDirectory), $"{pid}\n", ct);
        await ServiceWait.UntilAsync(
            async t => (await RegistryProbe.ProbeAsync(address, ProbeTimeout, t)).Answers, "docker-registry", pid, address.ApiRoot.ToString(), logFile, options.RegistryStartTimeout, ct);
        log.Information("The registry answers at {Url}", address.ApiRoot);
        return $"Started docker-registry (pid {pid}) on {address.ListenAddress}, data in {options.RegistryDataDirectory}; log: {logFile}";
    }
}
