using App.Jobs;

namespace App.Hosting;

/// <summary>
/// The worker role (<c>APP_ROLE=worker</c>): the same image and settings, no HTTP server; <c>WORKER_THREADS</c> workers
/// claim jobs from Postgres. SIGTERM stops taking jobs, lets running ones finish within the grace and re-queues the rest.
/// </summary>
public static class WorkerHost
{
    /// <summary>The configured worker process, not started.</summary>
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        AppServices.Add(builder.Services, builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHostedService<WorkerHeartbeat>();
        return builder.Build();
    }
}
