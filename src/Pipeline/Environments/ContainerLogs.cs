using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Environments;

/// <summary>The last lines a container wrote (stdout and stderr, in order), through the Engine API's logs endpoint.</summary>
internal static class ContainerLogs
{
    public static async Task<IReadOnlyList<string>> TailAsync(DockerClient client, string id, int lines, CancellationToken ct)
    {
        try
        {
            var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            using var stream = await client.Containers.GetContainerLogsAsync(id, parameters, ct);
            using var all = new MemoryStream();
            var buffer = new byte[16384];
            while (await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct) is { EOF: false } read)
                all.Write(buffer, 0, read.Count);
            return [.. Encoding.UTF8.GetString(all.ToArray()).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(lines)];
        }
        catch (DockerApiException e)
        {
            return [$"(could not read the log: {e.Message})"];
        }
    }

    public static string Format(string name, IReadOnlyList<string> lines) =>
        lines.Count == 0
            ? $"{name} wrote no log lines."
            : new StringBuilder($"Last {lines.Count} log line(s) of {name}:\n").AppendJoin('\n', lines.Select(l => "  " + l)).ToString();
}
