using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Images.Validation;

/// <summary>Asks the engine (<c>top</c>) which UID the container's main process runs as.</summary>
internal static class ProcessUserCheck
{
    public const string Name = "non-root process";

    public static async Task<ValidationCheck> RunAsync(DockerClient client, ContainerInspectResponse container, CancellationToken ct)
    {
        if (container.State is not { Running: true } state)
            return new(Name, false, "not checked: container not running");
        var top = await client.Containers.ListProcessesAsync(container.ID, new ContainerListProcessesParameters { PsArgs = "-o uid,pid,comm" }, ct);
        var uid = Column(top, "UID");
        var pid = Column(top, "PID");
        if (uid < 0 || pid < 0 || top.Processes.Count == 0)
            return new(Name, false, $"the engine's process list had no UID/PID columns ({string.Join(' ', top.Titles)})");
        var main = top.Processes.FirstOrDefault(p => p[pid] == state.Pid.ToString()) ?? top.Processes[0];
        var command = main.Count > 2 ? main[^1] : "?";
        return main[uid] == "0"
            ? new(Name, false, $"the main process ({command}) runs as uid 0 (root)")
            : new(Name, true, $"the main process ({command}) runs as uid {main[uid]}");
    }

    static int Column(ContainerProcessesResponse top, string title) =>
        top.Titles.ToList().FindIndex(t => t.Equals(title, StringComparison.OrdinalIgnoreCase));
}
