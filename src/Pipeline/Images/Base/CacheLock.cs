using System.Diagnostics;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>An exclusive lock on the base-image cache, so two builds do not debootstrap or tag the same image at once.</summary>
internal static class CacheLock
{
    public static Task<IAsyncDisposable> AcquireAsync(string cacheDirectory, ILogger log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheDirectory);
        var path = Path.Combine(cacheDirectory, ".lock");
        var waited = false;
        return Poll.UntilAsync<IAsyncDisposable>(
            (_, _) =>
            {
                try
                {
                    return Task.FromResult<IAsyncDisposable?>(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    if (!waited)
                        log.Information("Waiting for another build that holds {Lock:l} (building base images)", path);
                    waited = true;
                    return Task.FromResult<IAsyncDisposable?>(null);
                }
            },
            new PollOptions(TimeSpan.FromMilliseconds(500), TimeSpan.MaxValue),
            _ => throw new UnreachableException(),
            cancellationToken);
    }
}
