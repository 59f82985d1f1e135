using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Docker;
using Pipeline.Tools;

namespace Pipeline.Delivery;

/// <summary>Reads and writes lock files: created with <see cref="FileMode.CreateNew"/>, so exactly one process can create each.</summary>
internal static partial class LockFile
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string PathFor(string lockDirectory, string environment) =>
        SafeName().IsMatch(environment ?? "")
            ? Path.Combine(Path.GetFullPath(lockDirectory), $"{environment}.lock")
            : throw new ArgumentException($"'{environment}' is not an environment name: use letters, digits, '.', '-' or '_', such as production.", nameof(environment));

    public static string Serialize(LockRecord record) => JsonSerializer.Serialize(record, Json) + "\n";

    /// <summary>Creates the file with <paramref name="content"/>; false when it exists already.</summary>
    public static bool TryCreate(string path, string content)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        try
        {
            using (stream)
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            return true;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The file's content, or null when there is no file.</summary>
    public static string? Content(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The holder described by <paramref name="content"/>; a status with a <see cref="LockStatus.Problem"/> when it does not parse.</summary>
    public static LockStatus Parse(string environment, string content, DateTimeOffset modified)
    {
        try
        {
            var record = JsonSerializer.Deserialize<LockRecord>(content, Json) ?? throw new JsonException("it holds null");
            var stale = DeployUser.Current().IsThisMachine(record.Machine) && !DetachedProcess.IsRunning(record.Pid);
            return new LockStatus(environment, record.Owner, record.Machine, record.Pid, record.Version, record.AcquiredAt) { IsStale = stale };
        }
        catch (JsonException e)
        {
            var shown = content.Length > 80 ? content[..80] + "..." : content;
            return new LockStatus(environment, "unknown", "unknown", 0, "unknown", modified) { Problem = $"{e.Message} Content: '{shown.Trim()}'" };
        }
    }

    /// <summary>True when the content is one this module writes in full (a reader may catch a lock file between create and write).</summary>
    public static bool IsComplete(string content) => content.EndsWith('\n');

    /// <summary>The holder; a lock file caught between its creation and its write is read again for up to half a second.</summary>
    public static LockStatus? ReadSettled(string path, string environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (ReadOnce(path, environment, attempt == 20) is var (settled, status) && settled)
                return status;
            Thread.Sleep(25);
        }
    }

    /// <summary>As <see cref="ReadSettled"/>, waiting without blocking a thread.</summary>
    public static async Task<LockStatus?> ReadSettledAsync(string path, string environment, CancellationToken cancellationToken)
    {
        var read = await Poll.UntilAsync(
            (_, _) => Task.FromResult(ReadOnce(path, environment, last: false) is (true, var status) ? new Settled(status) : null),
            new PollOptions(TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(500)),
            _ => Task.FromResult(new Settled(ReadOnce(path, environment, last: true).Status)),
            cancellationToken);
        return read.Status;
    }

    private sealed record Settled(LockStatus? Status);

    static (bool Settled, LockStatus? Status) ReadOnce(string path, string environment, bool last) =>
        Content(path) is not { } text ? (true, null)
        : IsComplete(text) || last ? (true, Parse(environment, text, File.GetLastWriteTimeUtc(path)))
        : (false, null);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
