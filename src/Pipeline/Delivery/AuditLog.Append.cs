using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Pipeline.Delivery;

public sealed partial class AuditLog
{
    static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);
    static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Appends <paramref name="entry"/> as one line (its time in UTC), creating the file and its folder when needed.</summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.Serialize(entry with { Time = entry.Time.ToUniversalTime() }, Json) + "\n";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        lock (Gates.GetOrAdd(Path, _ => new object()))
        {
            using var gate = OpenGate();
            var text = EndsInsideLine() ? "\n" + line : line;
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
    }

    bool EndsInsideLine()
    {
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
            return false;
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }

    FileStream OpenGate()
    {
        var gate = Path + ".lock";
        var deadline = DateTime.UtcNow + GateTimeout;
        while (true)
        {
            try
            {
                return new FileStream(gate, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(2, 15));
            }
            catch (IOException e)
            {
                throw new IOException($"Could not append to the audit log {Path}: another process has held {gate} for {GateTimeout.TotalSeconds:0} s. Find it (fuser {gate}) and retry.", e);
            }
        }
    }
}
