using Pipeline.Tools;
using Serilog;

namespace Pipeline.Machine;

/// <summary>Starts <c>dockerd</c> detached, so it outlives the build, and waits for <c>/_ping</c>.</summary>
internal static class EngineStarter
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Starts the engine at the options' endpoint (a unix socket); returns the change made.</summary>
    public static async Task<string> StartAsync(MachineOptions options, bool useSudo, ILogger log, CancellationToken ct)
    {
        var endpoint = options.EngineEndpoint;
        if (Executable.Find(options.EngineCommand[0]) is not { } dockerd)
            throw new MachineSetupException($"'{options.EngineCommand[0]}' is not installed, so no engine can be started. Install it as root: {AptPackages.CommandLine(["docker.io"])}");
        var socketDirectory = Path.GetDirectoryName(new Uri(endpoint).LocalPath);
        if (socketDirectory is not null && !Directory.Exists(socketDirectory))
            Directory.CreateDirectory(socketDirectory);
        List<string> command = [.. useSudo ? ["sudo", "-n"] : Array.Empty<string>(), dockerd, .. options.EngineCommand.Skip(1)];
        if (endpoint != MachineOptions.DefaultDockerHost)
            command.AddRange(["-H", endpoint]);
        if (!command.Contains("--pidfile"))
            StalePidFile.RemoveIfStale(StalePidFile.DockerdDefault, "dockerd", log);
        var logFile = ServiceWait.LogFile(options.RootDirectory, "dockerd");
        log.Information("Starting the Docker engine: {Command} (log: {LogFile})", string.Join(' ', command), logFile);
        var pid = await DetachedProcess.StartAsync(command, logFile, ct);
        log.Information("Waiting up to {Seconds} s for dockerd (pid {Pid}) to answer /_ping at {Endpoint}", options.EngineStartTimeout.TotalSeconds, pid, endpoint);
        await ServiceWait.UntilAsync(
            async t => (await EngineProbe.ProbeAsync(endpoint, PingTimeout, t)).Answers, "dockerd", pid, endpoint, logFile, options.EngineStartTimeout, ct);
        log.Information("The Docker engine answers at {Endpoint}", endpoint);
        return $"Started dockerd (pid {pid}) at {endpoint}; log: {logFile}";
    }
}
