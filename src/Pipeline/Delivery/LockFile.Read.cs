using Pipeline.Docker;

namespace Pipeline.Delivery;

internal static partial class LockFile
{
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
}
