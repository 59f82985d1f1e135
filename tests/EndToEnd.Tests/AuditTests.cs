using Pipeline.Delivery;

namespace EndToEnd.Tests;

/// <summary><c>./build.sh Audit</c> without <c>--environment</c>: this checkout's log of every environment, saying so (no engine is asked).</summary>
public sealed class AuditTests
{
    [Fact]
    public async Task Audit_without_an_environment_shows_this_checkouts_log_of_every_environment_and_says_so()
    {
        await using var site = await DeliverySite.CreateAsync();
        var log = new AuditLog(Path.Combine(site.Repository, "logs", "deploy", "audit.jsonl"));
        var stagingVersion = $"0.0.0-staging.{site.Prefix}";
        var productionVersion = $"0.0.0-production.{site.Prefix}";
        log.Append(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.DeployStaging, "staging", AuditOutcome.Succeeded) { Version = stagingVersion });
        log.Append(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Promote, "production", AuditOutcome.Succeeded) { Version = productionVersion });

        var run = await BuildScript.RunAsync(["Audit", .. site.SiteArguments]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"This checkout's audit log, every environment ({log.Path})", run.Output, StringComparison.Ordinal);
        Assert.Contains(stagingVersion, run.Output, StringComparison.Ordinal);
        Assert.Contains(productionVersion, run.Output, StringComparison.Ordinal);
        Assert.Contains("read locally", run.Output, StringComparison.Ordinal);
    }
}
