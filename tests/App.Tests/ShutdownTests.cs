using System.Diagnostics;
using App.Tests.Support;

namespace App.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_on_an_idle_service_exits_0_within_10_seconds()
    {
        using var data = new TempDirectory();
        await using var app = await AppProcess.StartAsync(data.Path);

        var (exitCode, elapsed) = await app.TerminateAsync();

        Assert.Equal(0, exitCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
    }

    [Fact]
    public async Task Sigterm_refuses_new_jobs_then_requeues_an_unfinished_one_that_the_next_start_completes()
    {
        using var data = new TempDirectory();
        long id;
        await using (var app = await AppProcess.StartAsync(data.Path, new Dictionary<string, string> { ["JOB_SHUTDOWN_GRACE_SECONDS"] = "2" }))
        {
            id = await app.SubmitAsync("sleep", 4000);
            await WaitStatusAsync(app, id, "running");

            app.SendTerminate();
            await WaitNotReadyAsync(app);
            var (status, body, response) = await app.PostAsync("/api/jobs", new { type = "hash", payload = "too late" });
            Assert.Equal(503, status);
            Assert.Contains("shutting down", (string?)body!["error"]);
            Assert.NotNull(response.Headers.RetryAfter);

            var (exitCode, elapsed) = await app.WaitExitAsync();
            Assert.Equal(0, exitCode);
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed} since SIGTERM");
            Assert.Contains("re-queued", app.Output);
        }

        await using var restarted = await AppProcess.StartAsync(data.Path);
        var job = await restarted.WaitFinishedAsync(id, TimeSpan.FromSeconds(20));
        Assert.Equal("succeeded", (string?)job["status"]);
    }

    [Fact]
    public async Task Jobs_that_finish_within_the_grace_period_complete_before_exit()
    {
        using var data = new TempDirectory();
        long id;
        await using (var app = await AppProcess.StartAsync(data.Path, new Dictionary<string, string> { ["JOB_SHUTDOWN_GRACE_SECONDS"] = "5" }))
        {
            id = await app.SubmitAsync("sleep", 2000);
            await WaitStatusAsync(app, id, "running");
            var (exitCode, _) = await app.TerminateAsync();
            Assert.Equal(0, exitCode);
        }

        await using var restarted = await AppProcess.StartAsync(data.Path, new Dictionary<string, string> { ["WORKER_THREADS"] = "0" });
        Assert.Equal("succeeded", (string?)(await restarted.GetJsonAsync($"/api/jobs/{id}"))["status"]);
    }

    static async Task WaitStatusAsync(AppProcess app, long id, string status)
    {
        var clock = Stopwatch.StartNew();
        while ((string?)(await app.GetJsonAsync($"/api/jobs/{id}"))["status"] != status)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"job {id} never became {status}");
            await Task.Delay(20);
        }
    }

    static async Task WaitNotReadyAsync(AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await app.Http.GetAsync("/ready");
            if ((int)ready.StatusCode == 503)
            {
                Assert.Contains("shutting down", await ready.Content.ReadAsStringAsync());
                return;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "/ready never turned 503 after SIGTERM");
            await Task.Delay(10);
        }
    }
}
