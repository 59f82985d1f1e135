using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Environments;
using ContainerStatus = Pipeline.Environments.ContainerStatus;

namespace Pipeline.Development;

/// <summary>The development container's log (stdout and stderr in order) through the Engine API: the last lines, then new ones while following.</summary>
public sealed class DevLogs(DockerClient client, DevSettings settings)
{
    /// <summary>The container of <paramref name="service"/> (the only service when null); throws, naming the services, when there is no such one.</summary>
    public async Task<ContainerStatus> FindAsync(string? service, CancellationToken cancellationToken)
    {
        var containers = await ProjectContainers.ListAsync(client, settings.ProjectName, cancellationToken);
        if (containers.Count == 0)
            throw new DevException($"The development environment ({settings.ProjectName}) is not running, so there is no log to show: run {Commands.DevStart}.");
        var services = containers.Select(c => c.Service).Distinct().ToList();
        if (string.IsNullOrEmpty(service))
            return services.Count == 1
                ? containers[0]
                : throw new DevException($"The development environment runs several services ({string.Join(", ", services)}): pass --service <one of them>.");
        return containers.FirstOrDefault(c => c.Service == service)
            ?? throw new DevException($"There is no service '{service}' in the development environment ({settings.ProjectName}); its services: {string.Join(", ", services)}. Pass --service {services[0]}.");
    }

    /// <summary>
    /// Passes the last <paramref name="tail"/> lines to <paramref name="write"/>; with <paramref name="follow"/>, then every new line
    /// until the container stops or <paramref name="cancellationToken"/> is cancelled (Ctrl-C).
    /// </summary>
    public async Task WriteAsync(string containerId, int tail, bool follow, Action<string> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (tail < 0)
            throw new DevException($"--tail {tail} is not a line count: use 0 or more.");
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = follow, Tail = tail.ToString(CultureInfo.InvariantCulture) };
        using var stream = await client.Containers.GetContainerLogsAsync(containerId, parameters, cancellationToken);
        var pending = new StringBuilder();
        var buffer = new byte[16384];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            while (await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken) is { EOF: false } read)
            {
                pending.Append(chars, 0, decoder.GetChars(buffer, 0, read.Count, chars, 0));
                Flush(pending, write, all: false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && follow)
        {
        }
        Flush(pending, write, all: true);
    }

    private static void Flush(StringBuilder pending, Action<string> write, bool all)
    {
        var text = pending.ToString();
        var end = all ? text.Length : text.LastIndexOf('\n') + 1;
        foreach (var line in text[..end].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
            write(line);
        pending.Remove(0, end);
    }
}
