using App.Api;
using App.Data;
using App.Jobs;
using Serilog;

namespace App.Hosting;

/// <summary>Builds and runs the web service.</summary>
public static class AppHost
{
    /// <summary>Runs until SIGTERM/Ctrl-C; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = Build(args);
            await PrepareDatabaseAsync(app);
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Log.Logger == Serilog.Core.Logger.None)
                await Console.Error.WriteLineAsync($"The service did not start: {e.Message}");
            else
                Log.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "App").Fatal(e, "The service stopped on an error: {Message}", e.Message);
            return 1;
        }
        finally
        {
            Database.ReleaseFiles();
            await Log.CloseAndFlushAsync();
        }
    }

    /// <summary>The configured app, not started.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var contentRoot = builder.Environment.ContentRootPath;
        var settings = AppSettings.From(name => builder.Configuration[name], contentRoot);
        var mode = RuntimeMode.DetectCurrent(contentRoot);
        var version = VersionInfo.From(EnvironmentSnapshot.Current(), mode, VersionInfo.AssemblyVersion);
        Log.Logger = LoggingSetup.Create(settings, mode, builder.Configuration["Logging:LogLevel:Default"]);

        builder.Services.AddSerilog();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = AppSettings.ShutdownTimeout);
        builder.Services.AddSingleton(settings).AddSingleton(mode).AddSingleton(version).AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new Database(settings.DatabasePath)).AddSingleton<JobStore>().AddSingleton<UserStore>();
        builder.Services.AddSingleton<JobQueue>().AddSingleton(new WorkerState(settings.WorkerThreads)).AddSingleton<JobExecutor>().AddSingleton<JobRunner>();
        builder.Services.AddHostedService<WorkerPool>();
        if (!ListenAddress.IsConfigured(builder.Configuration))
            builder.WebHost.UseUrls(ListenAddress.Default(settings.Port));

        var app = builder.Build();
        app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevel.For);
        app.UseMiddleware<BadRequestAnswer>();
        app.MapHealthEndpoints().MapJobEndpoints().MapUserEndpoints();
        AppLog.Starting(app.Logger, version.Version, version.Commit, version.Mode, version.CodeSource, version.DebuggingEnabled, settings.DataDirectory);
        return app;
    }

    static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<AppSettings>();
        DataDirectory.Prepare(settings.DataDirectory);
        await Migrations.ApplyAsync(app.Services.GetRequiredService<Database>(), app.Logger, app.Lifetime.ApplicationStopping);
    }
}
