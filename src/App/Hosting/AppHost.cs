using App.Api;
using App.Data;
using Serilog;

namespace App.Hosting;

/// <summary>Builds and runs the service in its role: the web API (with or without workers), or a worker process.</summary>
public static class AppHost
{
    /// <summary>Exit code when a migration failed (and was rolled back): the release cannot run on this database.</summary>
    public const int MigrationFailedExitCode = 3;

    /// <summary>Runs until SIGTERM/Ctrl-C; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var host = AppRoles.Current() == AppRole.Worker ? WorkerHost.Build(args) : Build(args);
            try
            {
                var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("App");
                await AppServices.PrepareDatabaseAsync(host.Services, log, CancellationToken.None);
            }
            catch
            {
                await DisposeAsync(host);
                throw;
            }
            await host.RunAsync(); // disposes the host
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Log.Logger == Serilog.Core.Logger.None)
                await Console.Error.WriteLineAsync($"The service did not start: {e.Message}");
            else
                Log.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "App").Fatal(e, "The service stopped on an error: {Message}", e.Message);
            return e is MigrationFailedException ? MigrationFailedExitCode : 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    /// <summary>The configured web app, not started.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var settings = AppServices.Add(builder.Services, builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        if (!ListenAddress.IsConfigured(builder.Configuration))
            builder.WebHost.UseUrls(ListenAddress.Default(settings.Port));

        var app = builder.Build();
        app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevel.For);
        app.UseMiddleware<BadRequestAnswer>();
        app.MapHealthEndpoints().MapJobEndpoints().MapUserEndpoints();
        return app;
    }

    static async ValueTask DisposeAsync(IHost host)
    {
        if (host is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        else
            host.Dispose();
    }
}
