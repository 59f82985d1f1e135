using Pipeline.Environments;
using Serilog;

namespace Pipeline.Promotion;

/// <summary>Puts a release into production and checks it: up, healthy, verified.</summary>
internal static class Redeploy
{
    /// <summary>Deploys <paramref name="release"/> and returns why verification failed, or null when it serves.</summary>
    public static async Task<string?> DeployAndVerifyAsync(ProductionSite site, DeployedRelease release, ILogger log, CancellationToken ct)
    {
        log.Information("Deploying {Version} ({Image}) to production", release.Version, release.Image);
        try
        {
            await site.Environment.UpAsync(release, ct);
            await site.Environment.WaitHealthyAsync(site.DeployTimeout, ct);
        }
        catch (EnvironmentException e)
        {
            return e.Message;
        }
        return await site.Verify(ct);
    }

    /// <summary>
    /// The emergency path: deploys <paramref name="release"/> and returns as soon as its liveness path answers 200 on the
    /// published port (no wait for Docker's health interval, no smoke tests); returns why it did not, or null.
    /// </summary>
    public static async Task<string?> DeployAndAnswerAsync(ProductionSite site, DeployedRelease release, ILogger log, CancellationToken ct)
    {
        log.Information("Emergency: deploying {Version} ({Image}) to production", release.Version, release.Image);
        try
        {
            await site.Environment.UpAsync(release, ct);
        }
        catch (EnvironmentException e)
        {
            return e.Message;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{site.Environment.Settings.HostPort}{site.HealthPath}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < site.DeployTimeout)
        {
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    log.Information("{Url} answered {Status} {Seconds:0.0} s after the deploy", url, (int)response.StatusCode, clock.Elapsed.TotalSeconds);
                    return null;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
        return $"{url} did not answer 200 within {site.DeployTimeout.TotalSeconds:0} s";
    }
}
