using App.Data;
using App.Jobs;

namespace App.Api;

/// <summary><c>/api/jobs</c> and <c>/api/queue-stats</c>.</summary>
internal static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/jobs", async (JobRequest request, JobQueue queue, JobStore store, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            if (!queue.Accepting)
            {
                http.Response.Headers.RetryAfter = "10";
                return Results.Json(new ErrorResponse("The service is shutting down and takes no new jobs; retry shortly."), AppJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var type = request.Type?.Trim().ToLowerInvariant();
            var payload = request.PayloadText;
            if (JobTypes.Validate(type, payload) is { } problem)
                return Results.Json(new ErrorResponse(problem), AppJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);
            var id = await store.AddAsync(type!, payload, time.GetUtcNow(), ct);
            queue.Signal();
            return Results.Accepted($"/api/jobs/{id}", new JobAccepted(id, JobStatus.Queued));
        });

        app.MapGet("/api/jobs/{id:long}", async (long id, JobStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } job
                ? Results.Ok(JobView.From(job))
                : Results.Json(new ErrorResponse($"Job {id} not found."), AppJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound));

        app.MapGet("/api/queue-stats", async (JobStore store, WorkerState workers, CancellationToken ct) =>
        {
            var counts = await store.CountsAsync(ct);
            var active = workers.ActiveWorkers;
            return new QueueStats(
                workers.TotalWorkers, active, Math.Max(0, workers.TotalWorkers - active),
                counts.Queued, counts.Succeeded, counts.Failed, Math.Round(counts.AverageMilliseconds, 1));
        });
        return app;
    }
}
