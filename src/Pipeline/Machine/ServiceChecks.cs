using Pipeline.Model;
using Pipeline.Tools;

namespace Pipeline.Machine;

/// <summary>The <see cref="Doctor"/> rows for the engine, the registry and the disk.</summary>
internal static class ServiceChecks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<PrerequisiteCheck> EngineAsync(string endpoint, CancellationToken ct)
    {
        var engine = await EngineProbe.ProbeAsync(endpoint, Timeout, ct);
        if (engine.Answers)
            return PrerequisiteCheck.Ok("Docker engine", $"{engine.Version} (API {engine.ApiVersion})", endpoint);
        var fix = engine.Error?.Contains("ermission denied", StringComparison.Ordinal) == true
            ? "Add yourself to the docker group: sudo usermod -aG docker $USER, then log in again"
            : endpoint.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)
                ? $"Unset DOCKER_HOST: the pipeline does not reach servers through it. Name the server as a host of an environment in deploy/environments.json (\"hosts\": [\"{endpoint}\"]) and check it with '{Commands.Doctor.With(Commands.Flags.Environment, "NAME")}'"
            : !Fixes.IsLocalSocket(endpoint)
                ? $"Start the engine at {endpoint}, or unset DOCKER_HOST to use the local one (Setup only starts a local engine)"
                : Executable.Find("dockerd") is null
                    ? $"{Fixes.Setup}, or: apt-get install -y docker.io && {Fixes.StartEngine(endpoint)}"
                    : $"{Fixes.Setup}, or as root: {Fixes.StartEngine(endpoint)}";
        return PrerequisiteCheck.Missing("Docker engine", null, fix, engine.Error);
    }

    public static async Task<PrerequisiteCheck> RegistryAsync(RegistryAddress address, CancellationToken ct)
    {
        var status = await RegistryProbe.ProbeAsync(address, Timeout, ct);
        if (status.Answers)
            return PrerequisiteCheck.Ok("Registry", $"{status.ApiVersion ?? "registry"} at {address.Value}", status.Detail);
        var fix = address.IsLocal
            ? $"{Fixes.Setup}: it starts docker-registry on {address.ListenAddress}"
            : $"Start the registry at {address.Value} or check the network path to it (Setup only starts a local registry, such as {MachineOptions.DefaultRegistry})";
        return PrerequisiteCheck.Missing("Registry", address.Value, fix, status.Detail);
    }

    public static PrerequisiteCheck Disk(string rootDirectory)
    {
        var directory = Path.GetFullPath(rootDirectory);
        while (!Directory.Exists(directory) && Path.GetDirectoryName(directory) is { } parent)
            directory = parent;
        var free = new DriveInfo(directory).AvailableFreeSpace;
        var fix = $"Free space on the disk holding {directory}: docker system prune -f; docker image prune -a -f; delete old backups/";
        var status = DiskSpace.Judge(free);
        return new PrerequisiteCheck("Disk space", DiskSpace.Text(free), status, true, status == CheckStatus.Ok ? null : fix, DiskSpace.Why(status) ?? directory);
    }
}
