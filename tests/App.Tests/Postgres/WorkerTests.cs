using System.Net.Sockets;
using App.Tests.Support;

namespace App.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class WorkerTests(PostgresServer server)
{
    [Fact]
    public async Task The_web_role_queues_jobs_that_the_worker_process_runs_and_the_worker_has_no_http_port()
    {
        using var data = new TempDirectory();
        using var tmp = new TempDirectory();
        var database = await server.CreateDatabaseAsync();
        await using var web = await AppProcess.StartAsync(data.Path, database.Environment(("APP_ROLE", "web")));
        await using var worker = await AppProcess.StartWorkerAsync(data.Path, database.Environment(("TMPDIR", tmp.Path), ("WORKER_THREADS", "2")));

        var id = await web.SubmitAsync("hash", "abc");
        var job = await web.WaitFinishedAsync(id);
        var stats = await web.GetJsonAsync("/api/queue-stats");
        var probe = await AppBinary.RunAsync(new Dictionary<string, string> { ["APP_ROLE"] = "worker", ["TMPDIR"] = tmp.Path }, "--healthcheck");

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Contains($"Job {id} succeeded", worker.Output);
        Assert.DoesNotContain($"Job {id} succeeded", web.Output);
        Assert.Equal(0, (int)stats["totalWorkers"]!);
        Assert.Equal("ready", (string?)(await web.GetJsonAsync("/ready"))["status"]);
        Assert.Equal(0, probe.ExitCode);
        Assert.Contains("healthy: worker heartbeat", probe.Output);
        Assert.DoesNotContain("Now listening", worker.Output);
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", worker.Port));
    }

    [Fact]
    public async Task On_sigterm_the_worker_returns_an_unfinished_job_to_the_queue_and_exits_0()
    {
        using var data = new TempDirectory();
        using var tmp = new TempDirectory();
        var database = await server.CreateDatabaseAsync();
        await using var web = await AppProcess.StartAsync(data.Path, database.Environment(("APP_ROLE", "web")));
        await using var worker = await AppProcess.StartWorkerAsync(data.Path, database.Environment(("TMPDIR", tmp.Path), ("JOB_SHUTDOWN_GRACE_SECONDS", "1")));
        var quick = await web.SubmitAsync("sleep", 500);
        var slow = await web.SubmitAsync("sleep", 60000);
        await WaitStatusAsync(web, slow, "running");

        var (exitCode, elapsed) = await worker.TerminateAsync();

        Assert.Equal(0, exitCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"took {elapsed} since SIGTERM");
        Assert.Contains($"Job {slow} interrupted by shutdown and re-queued", worker.Output);
        var job = await web.GetJsonAsync($"/api/jobs/{slow}");
        Assert.Equal("queued", (string?)job["status"]);
        Assert.Null((string?)job["startedAt"]);
        Assert.Equal("succeeded", (string?)(await web.GetJsonAsync($"/api/jobs/{quick}"))["status"]);
    }

    [Fact]
    public async Task A_worker_role_without_postgres_refuses_to_start_naming_the_setting()
    {
        var (exitCode, output) = await AppBinary.RunAsync(new Dictionary<string, string> { ["APP_ROLE"] = "worker" });

        Assert.Equal(1, exitCode);
        Assert.Contains("APP_ROLE=worker needs Postgres: set ConnectionStrings__Postgres", output);
    }

    static async Task WaitStatusAsync(AppProcess app, long id, string status)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((string?)(await app.GetJsonAsync($"/api/jobs/{id}"))["status"] != status)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new TimeoutException($"Job {id} never became {status}.");
            await Task.Delay(25);
        }
    }
}
