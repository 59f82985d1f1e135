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
}
