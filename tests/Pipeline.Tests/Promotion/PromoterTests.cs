using Pipeline.Delivery;
using Pipeline.Model;
using Pipeline.Promotion;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Promotion;

public sealed class PromoterTests : IAsyncLifetime
{
    private static readonly string Commit1 = new('1', 40);
    private static readonly string Commit2 = new('2', 40);
    private static readonly Release V1 = Release.Of("1.0.0", Commit1, "app", Image("app", 'a'));
    private static readonly Release V2 = Release.Of("2.0.0", Commit2, "app", Image("app", 'b'));

    private readonly string root = TestMachine.TempDirectory("promotion");

    private Delivery.TestTarget engine = null!;

    public async Task InitializeAsync() => engine = await Delivery.TestTarget.CreateAsync();

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        TestMachine.Delete(root);
    }

    private static string Image(string service, char digit) => $"localhost:5000/{service}@sha256:{new string(digit, 64)}";

    private ProductionSite Site(IDeploySteps steps) =>
        new(DeployEnvironment.Production, steps, engine.State(), new AuditLog(Path.Combine(root, "audit.jsonl")))
        {
            DeployTimeout = TimeSpan.FromSeconds(10),
            RecheckDelay = TimeSpan.Zero,
        };

    private async Task<PromotionOutcome> PromoteAsync(InMemorySteps steps, Release release, CancellationToken ct = default)
    {
        var (log, _) = InMemorySink.CreateLogger();
        return await new Promoter(Site(steps), log).PromoteAsync(release, "test", ct);
    }

    private AuditEntry LastAudit() => new AuditLog(Path.Combine(root, "audit.jsonl")).ReadLast(1).Single();

    private async Task<bool> LockHeldAsync() => await DeployLock.ReadAsync(engine.State(), DeployEnvironment.Production.Name, default) is not null;

    [Fact]
    public async Task A_passing_promotion_backs_up_tags_deploys_and_verifies()
    {
        var steps = new InMemorySteps(V1);

        var outcome = await PromoteAsync(steps, V2);

        Assert.Equal(PromotionResult.Promoted, outcome.Result);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(V2, outcome.Serving);
        Assert.Equal(["backup 1.0.0", "tag 1.0.0", $"deploy 2.0.0 (app={V2.Images["app"]})", "verify 2.0.0"], steps.Steps);
        Assert.Equal("backup-1.0.0", outcome.BackupId);
        Assert.Equal(AuditOutcome.Succeeded, LastAudit().Outcome);
        Assert.False(await LockHeldAsync());
    }

    [Fact]
    public async Task A_failed_first_promotion_removes_the_release_and_reports_an_empty_production()
    {
        var steps = new InMemorySteps(null) { Deploy = (r, _) => Verdict.Fail($"{r.Version} exited with code 3") };

        var outcome = await PromoteAsync(steps, V2);

        Assert.Equal(PromotionResult.Removed, outcome.Result);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Null(outcome.Serving);
        Assert.Null(outcome.Previous);
        Assert.Null(outcome.RollbackTag);
        Assert.Equal("2.0.0 exited with code 3", outcome.Failure);
        Assert.Equal([$"deploy 2.0.0 (app={V2.Images["app"]})", "remove"], steps.Steps);
        Assert.Null(steps.Running);
        Assert.Empty(steps.Points);
        Assert.Equal(
            "Promotion of 2.0.0 failed: 2.0.0 exited with code 3. Production was empty before this first promotion; the failed release was removed and its data volume kept.",
            outcome.Describe());
        Assert.Equal(AuditOutcome.Failed, LastAudit().Outcome);
        Assert.False(await LockHeldAsync());
    }

    [Fact]
    public async Task A_failed_verification_rolls_back_to_the_previous_release()
    {
        var steps = new InMemorySteps(V1) { Verify = running => running == V2 ? Verdict.Fail("smoke workflow tests failed: 1 of 3") : Verdict.Pass };

        var outcome = await PromoteAsync(steps, V2);

        Assert.Equal(PromotionResult.RolledBack, outcome.Result);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(V1, outcome.Serving);
        Assert.Equal(V1, steps.Running);
        Assert.Equal("smoke workflow tests failed: 1 of 3", outcome.Failure);
        Assert.Equal(["verify 2.0.0", "verify 1.0.0"], steps.Steps.Where(s => s.StartsWith("verify", StringComparison.Ordinal)));
        Assert.Equal(V1.Images, steps.Points.Single().Images);
        Assert.Contains($"Production was rolled back to 1.0.0 ({outcome.RollbackTag}) and serves", outcome.Describe());
        Assert.Null(outcome.Remedy);
        var audit = LastAudit();
        Assert.Equal(AuditOutcome.RolledBack, audit.Outcome);
        Assert.Equal("1.0.0", audit.PreviousVersion);
        Assert.False(await LockHeldAsync());
    }

    [Fact]
    public async Task When_the_rollback_fails_too_production_serves_nothing_verified_and_the_exit_code_is_1()
    {
        var steps = new InMemorySteps(V1) { Deploy = (r, _) => Verdict.Fail($"{r.Version} is unhealthy") };

        var outcome = await PromoteAsync(steps, V2);

        Assert.Equal(PromotionResult.RollbackFailed, outcome.Result);
        Assert.Equal(1, outcome.ExitCode);
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Serving);
        Assert.Equal("2.0.0 is unhealthy", outcome.Failure);
        Assert.Equal("1.0.0 is unhealthy", outcome.RollbackFailure);
        Assert.Equal(2, steps.Steps.Count(s => s.StartsWith("deploy 1.0.0", StringComparison.Ordinal)));
        Assert.Equal("./build.sh Rollback --emergency", outcome.Remedy?.ToString());
        Assert.Equal(
            "Promotion of 2.0.0 failed: 2.0.0 is unhealthy. The automatic rollback to 1.0.0 failed too: 1.0.0 is unhealthy. " +
            "Run ./build.sh Rollback --emergency, then ./build.sh HealthCheck --environment production.",
            outcome.Describe());
        Assert.Equal(AuditOutcome.Failed, LastAudit().Outcome);
        Assert.False(await LockHeldAsync());
    }

    [Fact]
    public async Task Cancelling_during_the_deploy_rolls_back_with_a_fresh_deadline()
    {
        using var cancel = new CancellationTokenSource();
        var rollbackTokenCancelled = (bool?)null;
        var steps = new InMemorySteps(V1)
        {
            Deploy = (r, token) =>
            {
                if (r == V2)
                    cancel.Cancel();
                else
                    rollbackTokenCancelled = token.IsCancellationRequested;
                return Verdict.Pass;
            },
        };

        var outcome = await PromoteAsync(steps, V2, cancel.Token);

        Assert.True(outcome.Cancelled);
        Assert.Equal(PromotionResult.RolledBack, outcome.Result);
        Assert.Equal("cancelled (Ctrl-C or SIGTERM) while deploying", outcome.Failure);
        Assert.False(rollbackTokenCancelled);
        Assert.Equal(V1, steps.Running);
        Assert.DoesNotContain("verify 2.0.0", steps.Steps);
        Assert.Equal(AuditOutcome.RolledBack, LastAudit().Outcome);
        Assert.False(await LockHeldAsync());
    }

    [Fact]
    public async Task Two_services_travel_together_through_deploy_rollback_point_and_audit()
    {
        var previous = new Release("1.0.0", Commit1, new Dictionary<string, string> { ["app"] = Image("app", 'a'), ["worker"] = Image("worker", 'c') });
        var release = new Release("2.0.0", Commit2, new Dictionary<string, string> { ["app"] = Image("app", 'b'), ["worker"] = Image("worker", 'd') });
        var steps = new InMemorySteps(previous) { Verify = running => running == release ? Verdict.Fail("worker is unhealthy") : Verdict.Pass };

        var outcome = await PromoteAsync(steps, release);

        Assert.Equal(PromotionResult.RolledBack, outcome.Result);
        Assert.Contains($"deploy 2.0.0 (app={Image("app", 'b')}, worker={Image("worker", 'd')})", steps.Steps);
        Assert.Contains($"deploy 1.0.0 (app={Image("app", 'a')}, worker={Image("worker", 'c')})", steps.Steps);
        Assert.Equal(previous.Images, steps.Points.Single().Images);
        Assert.Equal(previous, steps.Running);
        Assert.Equal(["app", "worker"], LastAudit().Digests!.Keys.Order());
    }
}
