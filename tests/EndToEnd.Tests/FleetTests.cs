using Docker.DotNet.Models;
using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Tests.Support.Servers;

namespace EndToEnd.Tests;

/// <summary>
/// A production of two real servers (each its own engine, sshd and proxy, reached over SSH) through the real <c>./build.sh</c>: the
/// release pulled from this machine's registry carried to each server, both switched together or not at all, and the version each
/// server's proxy serves checked from the server itself.
/// </summary>
public sealed class FleetTests(DeliveryFixture release, TwoServers servers, Xunit.Abstractions.ITestOutputHelper console)
    : IClassFixture<DeliveryFixture>, IClassFixture<TwoServers>
{
    [Fact]
    public async Task Promotions_rollbacks_health_checks_and_maintenance_act_on_both_servers()
    {
        await using var fleet = await FleetSite.CreateAsync(servers);
        var promoted = await Succeeds(fleet.PromoteAsync(release.ReleaseFile));
        foreach (var server in servers.Servers)
            Assert.Contains($"carried to {server.Name}'s 127.0.0.1:5000 through SSH", promoted.Output, StringComparison.Ordinal);
        var first = await SameEverywhereAsync(fleet);

        await Succeeds(fleet.PromoteAsync(release.DebugReleaseFile));
        var second = await SameEverywhereAsync(fleet);
        Assert.NotEqual(first, second);
        Assert.Contains("\"debuggingEnabled\":true", second, StringComparison.Ordinal);

        var health = await Succeeds(fleet.RunAsync("HealthCheck", "--environment", "production"));
        foreach (var server in servers.Servers)
            Assert.Contains(server.Name, health.Output, StringComparison.Ordinal);
        var workflows = await Succeeds(fleet.RunAsync("WorkflowTests", "--environment", "production"));
        Assert.Contains($"through the edge proxy on {servers.Servers[0].Name}", workflows.Output, StringComparison.Ordinal);
        Assert.Contains("scenarios passed", workflows.Output, StringComparison.Ordinal);

        await Succeeds(fleet.RunAsync("Maintenance", "--environment", "production", "--on", "--message", "Back at 14:00 UTC"));
        foreach (var server in servers.Servers)
            Assert.Equal("Back at 14:00 UTC", await fleet.ServedAsync(server, "/api/users"));
        await Succeeds(fleet.RunAsync("Maintenance", "--environment", "production", "--off"));
        foreach (var server in servers.Servers)
            Assert.Contains("\"healthy\"", await fleet.ServedAsync(server, "/health"), StringComparison.Ordinal);

        var tag = (await fleet.Site.OriginTagsAsync()).Order(StringComparer.Ordinal).Last();
        await Succeeds(fleet.RunAsync("Rollback", "--tag", tag));
        Assert.Equal(first, await SameEverywhereAsync(fleet));

        await Succeeds(fleet.PromoteAsync(release.DebugReleaseFile));
        Assert.Equal(second, await SameEverywhereAsync(fleet));
        await Succeeds(fleet.RunAsync("Rollback", "--emergency"));
        Assert.Equal(first, await SameEverywhereAsync(fleet));
        foreach (var server in servers.Servers)
            Assert.Single(await fleet.ContainersAsync(server), c => c.State == "running");
    }

    [Fact]
    public async Task A_server_failing_before_the_switch_switches_none_and_one_failing_after_it_switches_both_back()
    {
        await using var fleet = await FleetSite.CreateAsync(servers);
        await Succeeds(fleet.PromoteAsync(release.ReleaseFile));
        var first = await SameEverywhereAsync(fleet);
        var failing = servers.Servers[1];

        using (var paused = fleet.PausedPromotion("before-cutover", release.DebugReleaseFile))
        {
            await paused.ArrivedAsync();
            using (var engine = FleetSite.Connect(failing))
            {
                var created = Assert.Single(await fleet.ContainersAsync(failing), c => c.State == "created");
                await engine.Networks.DisconnectNetworkAsync($"{SiteEngine.ProxyName(fleet.Site.Prefix)}-edge", new NetworkDisconnectParameters { Container = created.ID, Force = true });
            }
            var exit = await paused.ResumeAsync();
            console.WriteLine(paused.Output);

            Assert.NotEqual(0, exit);
            Assert.Contains("1 of 2 hosts failed, so no host was switched to the new release", paused.Output, StringComparison.Ordinal);
            Assert.Contains($"  {failing.Name}: ", paused.Output, StringComparison.Ordinal);
            Assert.Contains(failing.Name, Summary(paused.Output), StringComparison.Ordinal);
        }
        Assert.Equal(first, await SameEverywhereAsync(fleet));
        foreach (var server in servers.Servers)
            Assert.DoesNotContain(await fleet.ContainersAsync(server), c => c.Labels["org.app-pipeline.digest"] == Digest(release.DebugImage));

        using (var paused = fleet.PausedPromotion("after-switch", release.DebugReleaseFile))
        {
            await paused.ArrivedAsync();
            Assert.All(await fleet.ServedEverywhereAsync(), served => Assert.Contains("\"debuggingEnabled\":true", served, StringComparison.Ordinal));
            var switched = await fleet.RunningAsync(failing, release.DebugImage);
            using (var engine = FleetSite.Connect(failing))
                await engine.Containers.StopContainerAsync(switched.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 10 });
            var exit = await paused.ResumeAsync();
            console.WriteLine(paused.Output);

            Assert.NotEqual(0, exit);
            Assert.Contains("rolled back", paused.Output, StringComparison.Ordinal);
        }
        Assert.Equal(first, await SameEverywhereAsync(fleet));
    }

    [Fact]
    public async Task Two_clones_promoting_to_the_same_servers_at_once_one_proceeds_and_the_other_names_the_holder()
    {
        await using var fleet = await FleetSite.CreateAsync(servers);
        var otherArguments = await fleet.OtherCloneAsync();

        using var holder = fleet.PausedPromotion("before-deploy", release.ReleaseFile);
        await holder.ArrivedAsync();
        var refused = await BuildScript.RunAsync(["PromoteToProduction", "--skip", .. otherArguments, "--release-manifest-file", release.ReleaseFile]);
        var exit = await holder.ResumeAsync();
        console.WriteLine($"{refused}\n{holder.Output}");

        Assert.True(refused.ExitCode != 0, "the second clone proceeded while the first held the lock:\n" + refused);
        Assert.Matches(@"production is locked by \S+@\S+ \(pid \d+\)", refused.Output);
        Assert.Equal(0, exit);
        Assert.Equal(await fleet.ServedAsync(servers.Servers[0]), await fleet.ServedAsync(servers.Servers[1]));
    }

    [Fact]
    public async Task A_holder_killed_with_SIGKILL_leaves_a_lock_that_turns_stale_is_reported_from_another_clone_and_Unlock_recovers()
    {
        await using var fleet = await FleetSite.CreateAsync(servers);
        await Succeeds(fleet.PromoteAsync(release.ReleaseFile));
        var first = await SameEverywhereAsync(fleet);
        var otherArguments = await fleet.OtherCloneAsync();
        var poll = new PollOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1));

        int holderId;
        BuildRun live;
        using (var holder = fleet.PausedPromotion("before-cutover", release.DebugReleaseFile, "--lock-lease", "3s"))
        {
            await holder.ArrivedAsync();
            holderId = holder.Id;
            foreach (var server in servers.Servers)
                Assert.True(await FleetSite.ListensAsync(server, 5000), $"the registry is not carried to {server.Name}'s 127.0.0.1:5000 while the release is prepared:\n{holder.Output}");
            Assert.NotEmpty(fleet.SshMasters());
            live = await BuildScript.RunAsync(["Lock", "--status", "--environment", "production", .. otherArguments]);
            await holder.KillAsync();
            console.WriteLine(holder.Output);
        }

        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.Contains($"production: locked by ", live.Output, StringComparison.Ordinal);
        Assert.Contains($"(pid {holderId}) deploying {release.Release.Version}", live.Output, StringComparison.Ordinal);
        Assert.Contains("lease: live until", live.Output, StringComparison.Ordinal);
        Assert.True(await Poll.UntilTrueAsync(_ => Task.FromResult(fleet.SshMasters().Count == 0), poll, CancellationToken.None),
            $"the killed run's ssh masters still run: {string.Join(", ", fleet.SshMasters())}");
        foreach (var server in servers.Servers)
            Assert.True(await Poll.UntilTrueAsync(async _ => !await FleetSite.ListensAsync(server, 5000), poll, CancellationToken.None),
                $"a forward of the killed run still holds {server.Name}'s 127.0.0.1:5000");

        using (var engine = FleetSite.Connect(servers.Servers[0]))
            Assert.True(await Poll.UntilTrueAsync(async ct => (await DeployLock.ReadAsync(new TargetState(engine, fleet.Site.Prefix), "production", ct))?.IsStale == true, poll, CancellationToken.None),
                "the lock on the first server did not turn stale after its 3 s lease");
        var stale = await BuildScript.RunAsync(["Lock", "--status", "--environment", "production", .. otherArguments]);
        var refused = await BuildScript.RunAsync(["PromoteToProduction", "--skip", .. otherArguments, "--release-manifest-file", release.DebugReleaseFile]);
        var servedMeanwhile = await SameEverywhereAsync(fleet);
        var unlock = await BuildScript.RunAsync(["Unlock", "--environment", "production", .. otherArguments]);
        var promoted = await fleet.PromoteAsync(release.DebugReleaseFile);
        console.WriteLine($"{stale}\n{refused}\n{unlock}\n{promoted}");

        Assert.True(stale.ExitCode == 0, stale.ToString());
        Assert.Contains($"(pid {holderId})", stale.Output, StringComparison.Ordinal);
        Assert.Contains("lease: STALE", stale.Output, StringComparison.Ordinal);
        Assert.True(refused.ExitCode != 0, "a promotion went ahead over a stale lock:\n" + refused);
        Assert.Contains("stopped renewing its lease", refused.Output, StringComparison.Ordinal);
        Assert.Contains("./build.sh Unlock --environment production", refused.Output, StringComparison.Ordinal);
        Assert.Equal(first, servedMeanwhile);
        Assert.True(unlock.ExitCode == 0, unlock.ToString());
        Assert.Contains("lock removed", unlock.Output, StringComparison.Ordinal);
        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.Contains("\"debuggingEnabled\":true", await SameEverywhereAsync(fleet), StringComparison.Ordinal);
        foreach (var server in servers.Servers)
            Assert.Single(await fleet.ContainersAsync(server), c => c.State == "running");
    }

    /// <summary>What both servers serve, asserted to be the same.</summary>
    static async Task<string> SameEverywhereAsync(FleetSite fleet)
    {
        var served = await fleet.ServedEverywhereAsync();
        Assert.All(served, s => Assert.Equal(served[0], s));
        return served[0];
    }

    /// <summary>The end-of-build summary table of a run's output.</summary>
    static string Summary(string output) => output[output.LastIndexOf(" Target ", StringComparison.Ordinal)..];

    static async Task<BuildRun> Succeeds(Task<BuildRun> run)
    {
        var done = await run;
        Assert.True(done.ExitCode == 0, done.ToString());
        return done;
    }

    static string Digest(string image) => image[(image.IndexOf('@') + 1)..];
}
