using Serilog;

namespace Pipeline.Images;

/// <summary>An exclusive lock on the base-image cache, so two builds do not debootstrap or tag the same image at once.</summary>
internal static class CacheLock
{
    public static async Task<IAsyncDisposable> AcquireAsync(string cacheDirectory, ILogger log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheDirectory);
        var path = Path.Combine(cacheDirectory, ".lock");
        for (var waited = false; ; waited = true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!waited)
                    log.Information("Waiting for another build that holds {Lock:l} (building base images)", path);
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
