using App.Tests.Support;

namespace App.Tests;

[Collection(SharedServiceCollection.Name)]
public sealed class QueueTests(SharedService service)
{
    AppProcess App => service.App;

    [Fact]
    public async Task Queue_stats_count_completed_and_failed_jobs()
    {
        var before = await App.GetJsonAsync("/api/queue-stats");

        var ids = new[] { await App.SubmitAsync("hash", "a"), await App.SubmitAsync("hash", "b"), await App.SubmitAsync("fail", "c") };
        foreach (var id in ids)
            await App.WaitFinishedAsync(id);
        var after = await App.GetJsonAsync("/api/queue-stats");

        Assert.Equal(4, (int)after["totalWorkers"]!);
        Assert.Equal((int)after["totalWorkers"]!, (int)after["activeWorkers"]! + (int)after["idleWorkers"]!);
        Assert.Equal((int)before["completedTasks"]! + 2, (int)after["completedTasks"]!);
        Assert.Equal((int)before["failedTasks"]! + 1, (int)after["failedTasks"]!);
        Assert.Equal(0, (int)after["queuedTasks"]!);
        Assert.True((double)after["averageTaskTime"]! >= 0);
    }

    [Fact]
    public async Task Workers_run_jobs_concurrently()
    {
        // Each sleeps 3 s: the four overlap unless the pool runs them one after another.
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
            ids.Add(await App.SubmitAsync("sleep", 3000));

        var jobs = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var id in ids)
            jobs.Add(await App.WaitFinishedAsync(id));

        Assert.All(jobs, j => Assert.Equal("succeeded", (string?)j["status"]));
        var lastStart = jobs.Max(j => DateTimeOffset.Parse((string)j["startedAt"]!));
        var firstFinish = jobs.Min(j => DateTimeOffset.Parse((string)j["finishedAt"]!));
        Assert.True(lastStart < firstFinish, $"all four should run at once: last start {lastStart:O}, first finish {firstFinish:O}");
    }

    [Fact]
    public async Task Active_workers_show_while_jobs_run()
    {
        var ids = new[] { await App.SubmitAsync("sleep", 3000), await App.SubmitAsync("sleep", 3000) };
        var seen = 0;
        while (seen < 2 && await AnyRunningAsync(ids))
            seen = Math.Max(seen, (int)(await App.GetJsonAsync("/api/queue-stats"))["activeWorkers"]!);
        foreach (var id in ids)
            await App.WaitFinishedAsync(id);

        Assert.Equal(2, seen);
    }

    async Task<bool> AnyRunningAsync(IEnumerable<long> ids)
    {
        foreach (var id in ids)
            if ((string?)(await App.GetJsonAsync($"/api/jobs/{id}"))["status"] is not ("succeeded" or "failed"))
                return true;
        return false;
    }
}
