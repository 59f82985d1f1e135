using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// Promotions and rollbacks through the edge proxy under a steady load on production (and on staging, the second route on the same
/// proxy): no request may fail, every write made during them must be kept, and production must serve the expected release before and after.
/// </summary>
public sealed class ZeroDowntimeTests(DeliveryFixture release, Xunit.Abstractions.ITestOutputHelper console) : IClassFixture<DeliveryFixture>
{
    [Fact]
    public async Task Promotions_and_rollbacks_drop_no_request_and_keep_every_write()
    {
        await using var site = await DeliverySite.CreateAsync();
        await Succeeds(BuildScript.RunAsync(["DeployStaging", .. site.SiteArguments, "--release-manifest-file", release.ReleaseFile]));
        await Succeeds(site.PromoteAsync(release.ReleaseFile));
        var first = await ServedAsync(site.ProductionPort);
        var staged = await ServedAsync(site.StagingPort);
        var written = new List<long>();

        await UnderLoadAsync(site, first, staged, written, () => site.PromoteAsync(release.DebugReleaseFile));
        var second = await ServedAsync(site.ProductionPort);
        Assert.NotEqual(first, second);
        Assert.Contains("\"debuggingEnabled\":true", second, StringComparison.Ordinal);

        var tag = (await site.OriginTagsAsync()).Order(StringComparer.Ordinal).Last();
        await UnderLoadAsync(site, second, staged, written, () => site.RollbackAsync("--tag", tag));
        Assert.Equal(first, await ServedAsync(site.ProductionPort));

        await Succeeds(site.PromoteAsync(release.DebugReleaseFile));
        await UnderLoadAsync(site, second, staged, written, () => site.RollbackAsync("--emergency"));
        Assert.Equal(first, await ServedAsync(site.ProductionPort));

        foreach (var id in written)
            Assert.Equal(id, (await site.GetJsonAsync($"/api/users/{id}"))["id"]!.GetValue<long>());
        Assert.Single(await SiteEngine.ContainersAsync(site.ProductionProject), c => c.State == "running");
    }

    [Fact]
    public async Task A_release_that_fails_after_the_switch_is_switched_back_without_a_failed_request()
    {
        await using var site = await DeliverySite.CreateAsync();
        await Succeeds(site.PromoteAsync(release.ReleaseFile));
        var first = await ServedAsync(site.ProductionPort);
        await using var load = LoadLoop.Start(new Uri($"http://127.0.0.1:{site.ProductionPort}/version"));
        await load.WaitForAsync(first, 20);
        using var paused = PausedBuild.Start("after-switch", site.Folder, ["PromoteToProduction", "--skip", .. site.SiteArguments, "--release-manifest-file", release.DebugReleaseFile]);
        await paused.ArrivedAsync();

        // The proxy sends traffic to the new release now; it stops, so the check after the switch fails.
        var switched = (await SiteEngine.RunningAsync(site.ProductionProject))!;
        Assert.Equal(Digest(release.DebugImage), switched.Labels["org.app-pipeline.digest"]);
        using (var engine = await Engine.ConnectAsync(CancellationToken.None))
            await engine.Containers.StopContainerAsync(switched.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 10 });
        var exit = await paused.ResumeAsync();
        var result = await load.StopAsync();
        console.WriteLine($"{result}\n{paused.Output}");

        Assert.NotEqual(0, exit);
        Assert.Contains("rolled back", paused.Output, StringComparison.Ordinal);
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Sent} failed: {string.Join("; ", result.Failures)}");
        Assert.Equal(first, await ServedAsync(site.ProductionPort));
    }

    [Fact]
    public async Task A_deploy_killed_before_the_cutover_leaves_production_serving_and_the_next_one_cleans_up()
    {
        await using var site = await DeliverySite.CreateAsync();
        await Succeeds(site.PromoteAsync(release.ReleaseFile));
        var first = await ServedAsync(site.ProductionPort);
        using (var paused = PausedBuild.Start("before-cutover", site.Folder, ["PromoteToProduction", "--skip", .. site.SiteArguments, "--release-manifest-file", release.DebugReleaseFile]))
        {
            await paused.ArrivedAsync();
            await paused.KillAsync();
        }

        Assert.Equal(first, await ServedAsync(site.ProductionPort));
        // The killed run's lease is still live (it would turn stale on its own after --lock-lease): we know its process is gone.
        await Succeeds(BuildScript.RunAsync(["Unlock", "--environment", "production", "--force", .. site.SiteArguments]));
        using (var engine = await Engine.ConnectAsync(CancellationToken.None))
            await engine.Containers.KillContainerAsync(SiteEngine.ProxyName(site.Prefix), new ContainerKillParameters());
        var next = await site.PromoteAsync(release.DebugReleaseFile);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("repaired", next.Output, StringComparison.Ordinal);
        Assert.Contains("\"debuggingEnabled\":true", await ServedAsync(site.ProductionPort), StringComparison.Ordinal);
        Assert.Single(await SiteEngine.ContainersAsync(site.ProductionProject), c => c.State == "running");
    }

    [Fact]
    public async Task Maintenance_answers_503_with_the_message_until_it_is_turned_off()
    {
        await using var site = await DeliverySite.CreateAsync();
        await Succeeds(site.PromoteAsync(release.ReleaseFile));
        var refused = await BuildScript.RunAsync(["Maintenance", "--environment", "production", .. site.SiteArguments]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--on", refused.Output, StringComparison.Ordinal);

        await Succeeds(BuildScript.RunAsync(["Maintenance", "--environment", "production", "--on", "--message", "Back at 14:00 UTC", .. site.SiteArguments]));
        using (var response = await site.Http.GetAsync($"http://127.0.0.1:{site.ProductionPort}/api/users"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Back at 14:00 UTC", (await response.Content.ReadAsStringAsync()).Trim());
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        }
        var health = await BuildScript.RunAsync(["HealthCheck", "--environment", "production", .. site.SiteArguments]);
        Assert.Contains("MAINTENANCE ON", health.Output, StringComparison.Ordinal);
        await Succeeds(BuildScript.RunAsync(["Maintenance", "--environment", "production", "--off", .. site.SiteArguments]));

        Assert.Equal("healthy", (await site.GetJsonAsync("/health"))["status"]!.GetValue<string>());
        Assert.Equal(["maintenance on: Back at 14:00 UTC", "maintenance off"],
            site.AuditSince(0).Where(e => e["action"]?.GetValue<string>() == "maintenance").Select(e => e["message"]!.GetValue<string>()));
    }

    /// <summary>Runs <paramref name="operation"/> while loops read production and staging and one writes users; asserts none failed.</summary>
    async Task UnderLoadAsync(DeliverySite site, string before, string staged, List<long> written, Func<Task<BuildRun>> operation)
    {
        await using var production = LoadLoop.Start(new Uri($"http://127.0.0.1:{site.ProductionPort}/version"));
        await using var staging = LoadLoop.Start(new Uri($"http://127.0.0.1:{site.StagingPort}/version"), concurrency: 2);
        await production.WaitForAsync(before, 20);
        await staging.WaitForAsync(staged, 10);
        using var stop = new CancellationTokenSource();
        var writes = WriteUsersAsync(site, written, stop.Token);

        var run = await operation();
        await stop.CancelAsync();
        var failedWrites = await writes;
        var (served, stagingServed) = (await production.StopAsync(), await staging.StopAsync());
        console.WriteLine($"production: {served}\nstaging: {stagingServed}\nwrites: {written.Count}, failed {failedWrites}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(served.Failed == 0, $"production: {served.Failed} of {served.Sent} failed: {string.Join("; ", served.Failures)}\n{run}");
        Assert.True(stagingServed.Failed == 0, $"staging: {stagingServed.Failed} of {stagingServed.Sent} failed: {string.Join("; ", stagingServed.Failures)}");
        Assert.Equal(0, failedWrites);
        Assert.Equal(before, served.Samples.First(s => s.Version is not null).Version);
    }

    static async Task<int> WriteUsersAsync(DeliverySite site, List<long> written, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var failed = 0;
        while (!stop.IsCancellationRequested)
        {
            var body = JsonSerializer.Serialize(new { name = "Load Writer", email = $"w{Guid.NewGuid():N}@example.com", phone = "+1 555 0100" });
            try
            {
                using var response = await http.PostAsync($"http://127.0.0.1:{site.ProductionPort}/api/users", new StringContent(body, Encoding.UTF8, "application/json"), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Created)
                    written.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!["id"]!.GetValue<long>());
                else
                    failed++;
            }
            catch (HttpRequestException)
            {
                failed++;
            }
        }
        return failed;
    }

    static async Task<string> ServedAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return (await http.GetStringAsync($"http://127.0.0.1:{port}/version")).Trim();
    }

    static async Task Succeeds(Task<BuildRun> run)
    {
        var done = await run;
        Assert.True(done.ExitCode == 0, done.ToString());
    }

    static string Digest(string image) => image[(image.IndexOf('@') + 1)..];
}
