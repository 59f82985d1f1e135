using App.Data;
using App.Hosting;
using App.Jobs;

namespace App.Api;

/// <summary><c>/health</c> (liveness), <c>/ready</c> (database answers and, unless the role is web, workers run) and <c>/version</c>.</summary>
internal static class HealthEndpoints
{
    static readonly TimeSpan DatabaseBudget = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => new StatusResponse("healthy"));

        app.MapGet("/ready", async (Database database, WorkerState workers, JobQueue queue, AppSettings settings, CancellationToken ct) =>
        {
            if (await NotReadyReasonAsync(database, workers, queue, settings.Role, ct) is { } reason)
                return Results.Json(new StatusResponse("not ready", reason), AppJsonContext.Default.StatusResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
            return Results.Ok(new StatusResponse("ready"));
        });

        app.MapGet("/version", (VersionInfo version) => version);
        return app;
    }

    static async Task<string?> NotReadyReasonAsync(Database database, WorkerState workers, JobQueue queue, AppRole role, CancellationToken ct)
    {
        if (!queue.Accepting)
            return "shutting down";
        if (role == AppRole.Web)
            return await DatabaseProblemAsync(database, ct); // the worker processes run the jobs
        if (workers.TotalWorkers == 0)
            return "no workers (WORKER_THREADS=0): jobs are queued but never run";
        if (!workers.Running)
            return queue.Accepting ? "workers are not running" : "shutting down"; // shutdown stops accepting before it stops the workers
        return await DatabaseProblemAsync(database, ct);
    }

    static async Task<string?> DatabaseProblemAsync(Database database, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(DatabaseBudget);
            await database.PingAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return $"database {database.Description} does not answer: {e.Message}";
        }
    }
}
