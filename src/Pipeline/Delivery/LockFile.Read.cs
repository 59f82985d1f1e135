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
        for (var attempt = 1; ; attempt++)
        {
            if (ReadOnce(path, environment, attempt == 20) is var (settled, status) && settled)
                return status;
            await Task.Delay(25, cancellationToken);
        }
    }

    static (bool Settled, LockStatus? Status) ReadOnce(string path, string environment, bool last) =>
        Content(path) is not { } text ? (true, null)
        : IsComplete(text) || last ? (true, Parse(environment, text, File.GetLastWriteTimeUtc(path)))
        : (false, null);
}
