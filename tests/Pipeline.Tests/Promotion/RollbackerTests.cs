using Pipeline.Delivery;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Promotion;

public sealed class RollbackerTests : IAsyncLifetime
{
    private static readonly RollbackManifest Manifest = new(
        DeployEnvironment.Production.Name, "1.0.0", new string('1', 40),
        new Dictionary<string, string> { ["app"] = $"localhost:5000/app@sha256:{new string('a', 64)}", ["worker"] = $"localhost:5000/worker@sha256:{new string('c', 64)}" },
        "backup-1", "tester@host", "test", DateTimeOffset.UtcNow);

    private static readonly RollbackPoint Point = new("rollback-20260101-000000", DateTimeOffset.UtcNow, Manifest, null);

    private readonly string root = TestMachine.TempDirectory("rollback");

    private Delivery.TestTarget engine = null!;

    public async Task InitializeAsync() => engine = await Delivery.TestTarget.CreateAsync();

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        TestMachine.Delete(root);
    }

    private async Task<RollbackOutcome> RollbackAsync(InMemorySteps steps, bool restoreData, bool emergency)
    {
        var (log, _) = InMemorySink.CreateLogger();
        var site = new ProductionSite(DeployEnvironment.Production, steps, engine.State(), new AuditLog(Path.Combine(root, "audit.jsonl")));
        return await new Rollbacker(site, log).RollbackAsync(Point, restoreData, emergency, CancellationToken.None);
    }

    [Fact]
    public async Task A_rollback_redeploys_every_service_of_the_point_and_restores_its_backup()
    {
        var steps = new InMemorySteps(null);

        var outcome = await RollbackAsync(steps, restoreData: true, emergency: false);

        Assert.True(outcome.Succeeded);
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(outcome.DataRestored);
        Assert.Equal(Manifest.Images, steps.Running!.Images);
        Assert.Equal(["check backup-1", $"deploy 1.0.0 ({steps.Running.Describe()})", "verify 1.0.0", "restore backup-1"], steps.Steps);
    }

    [Fact]
    public async Task A_failed_rollback_is_an_outcome_that_names_what_to_run_next()
    {
        var steps = new InMemorySteps(null) { Verify = _ => Verdict.Fail("production is not healthy") };

        var outcome = await RollbackAsync(steps, restoreData: false, emergency: false);

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            "Rollback to rollback-20260101-000000 (1.0.0) failed: production is not healthy. " +
            "Check ./build.sh HealthCheck --environment production --verbosity verbose; older points: ./build.sh Rollback --list.",
            outcome.Describe());
        Assert.Equal(AuditOutcome.Failed, new AuditLog(Path.Combine(root, "audit.jsonl")).ReadLast(1).Single().Outcome);
    }

    [Fact]
    public async Task An_emergency_rollback_skips_verification()
    {
        var steps = new InMemorySteps(null);

        var outcome = await RollbackAsync(steps, restoreData: false, emergency: true);

        Assert.True(outcome.Succeeded);
        Assert.Equal(["emergency 1.0.0"], steps.Steps);
    }
}
