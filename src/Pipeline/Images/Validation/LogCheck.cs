using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Images.Validation;

/// <summary>Reads the container's log (demultiplexed, in order) and checks that stdout is JSON lines.</summary>
internal static class LogCheck
{
    public const string Name = "JSON logs";

    public static async Task<(ValidationCheck Check, IReadOnlyList<string> Tail)> RunAsync(DockerClient client, string id, int tail, CancellationToken ct)
    {
        var (stdout, all) = await ReadAsync(client, id, ct);
        var lines = stdout.Where(l => l.Trim().Length > 0).ToList();
        var bad = lines.FindIndex(l => !IsJsonObject(l));
        var check = lines.Count == 0 ? new ValidationCheck(Name, false, "the container wrote nothing to stdout: log structured JSON lines at start-up")
            : bad >= 0 ? new ValidationCheck(Name, false, $"stdout line {bad + 1} of {lines.Count} is not a JSON object: {Shorten(lines[bad])}; use a JSON console formatter")
            : new ValidationCheck(Name, true, $"{lines.Count} stdout line(s), all JSON objects");
        return (check, all.TakeLast(tail).ToList());
    }

    static async Task<(List<string> Stdout, List<string> All)> ReadAsync(DockerClient client, string id, CancellationToken ct)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, ct);
        var (stdout, all) = (new List<string>(), new List<string>());
        var pending = new Dictionary<MultiplexedStream.TargetStream, List<byte>>();
        var buffer = new byte[16384];
        while (await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct) is { EOF: false } read)
        {
            var bytes = pending.TryGetValue(read.Target, out var p) ? p : pending[read.Target] = [];
            foreach (var b in buffer.AsSpan(0, read.Count))
            {
                if (b != (byte)'\n')
                    bytes.Add(b);
                else
                    Add(read.Target, bytes);
            }
        }
        foreach (var (target, rest) in pending.Where(p => p.Value.Count > 0))
            Add(target, rest);
        return (stdout, all);

        void Add(MultiplexedStream.TargetStream target, List<byte> bytes)
        {
            var line = Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            bytes.Clear();
            if (target == MultiplexedStream.TargetStream.StandardOut)
                stdout.Add(line);
            all.Add(target == MultiplexedStream.TargetStream.StandardError ? $"[stderr] {line}" : line);
        }
    }

    static bool IsJsonObject(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
