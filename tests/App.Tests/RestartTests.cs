using App.Tests.Support;

namespace App.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task Queued_jobs_and_users_survive_a_restart_and_then_run()
    {
        using var data = new TempDirectory();
        long hash, sleep, fail, user;
        await using (var paused = await AppProcess.StartAsync(data.Path, new Dictionary<string, string> { ["WORKER_THREADS"] = "0" }))
        {
            hash = await paused.SubmitAsync("hash", "persist me");
            sleep = await paused.SubmitAsync("sleep", 50);
            fail = await paused.SubmitAsync("fail", "after restart");
            var (_, created, _) = await paused.PostAsync("/api/users", new { name = "Grace Hopper", email = "grace@example.com", phone = "555-0100" });
            user = (long)created!["id"]!;

            Assert.Equal("queued", (string?)(await paused.GetJsonAsync($"/api/jobs/{hash}"))["status"]);
            Assert.Equal(3, (int)(await paused.GetJsonAsync("/api/queue-stats"))["queuedTasks"]!);
            using var ready = await paused.Http.GetAsync("/ready");
            Assert.Equal(503, (int)ready.StatusCode);
            Assert.Contains("WORKER_THREADS=0", await ready.Content.ReadAsStringAsync());

            var (exitCode, _) = await paused.TerminateAsync();
            Assert.Equal(0, exitCode);
        }

        await using var resumed = await AppProcess.StartAsync(data.Path);

        Assert.Equal("succeeded", (string?)(await resumed.WaitFinishedAsync(hash))["status"]);
        Assert.Equal("succeeded", (string?)(await resumed.WaitFinishedAsync(sleep))["status"]);
        Assert.Equal("failed", (string?)(await resumed.WaitFinishedAsync(fail))["status"]);
        Assert.Equal("grace@example.com", (string?)(await resumed.GetJsonAsync($"/api/users/{user}"))["email"]);
        var stats = await resumed.GetJsonAsync("/api/queue-stats");
        Assert.Equal(0, (int)stats["queuedTasks"]!);
        Assert.Equal(2, (int)stats["completedTasks"]!);
        Assert.Equal(1, (int)stats["failedTasks"]!);
        var next = await resumed.SubmitAsync("hash", "new");
        Assert.True(next > fail, "ids continue after a restart");
    }
}
