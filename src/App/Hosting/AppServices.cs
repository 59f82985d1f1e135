using App.Data;
using App.Data.Postgres;
using App.Jobs;
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace App.Hosting;

/// <summary>The services every role shares: settings, the database and its stores, the job workers.</summary>
internal static class AppServices
{
    /// <summary>How long a start waits for a database that is still starting.</summary>
    static readonly TimeSpan DatabaseWait = TimeSpan.FromSeconds(30);

    /// <summary>Reads the settings, sets up logging and registers the shared services.</summary>
    public static AppSettings Add(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var settings = AppSettings.From(name => configuration[name], contentRoot);
        var mode = RuntimeMode.DetectCurrent(contentRoot);
        var version = VersionInfo.From(EnvironmentSnapshot.Current(), mode, VersionInfo.AssemblyVersion);
        Log.Logger = LoggingSetup.Create(settings, mode, configuration["Logging:LogLevel:Default"]);

        services.AddSerilog();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = AppSettings.ShutdownTimeout);
        services.AddSingleton(settings).AddSingleton(mode).AddSingleton(version).AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => settings.Postgres is { } postgres ? Database.Postgres(postgres) : Database.Sqlite(settings.DatabasePath));
        services.AddSingleton<JobStore>().AddSingleton<UserStore>();
        services.AddSingleton<JobQueue>().AddSingleton(new WorkerState(settings.LocalWorkers)).AddSingleton<JobExecutor>().AddSingleton<JobRunner>();
        services.AddHostedService<WorkerPool>();
        if (settings.Postgres is not null && settings.LocalWorkers > 0)
            services.AddHostedService<JobNotifications>();
        return settings;
    }

    /// <summary>Readies the database: the data folder (SQLite), then the migrations. A failed migration throws and the process exits.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, ILogger log, CancellationToken ct)
    {
        var settings = services.GetRequiredService<AppSettings>();
        var version = services.GetRequiredService<VersionInfo>();
        var database = services.GetRequiredService<Database>();
        AppLog.Starting(log, version.Version, version.Commit, settings.Role.ToString().ToLowerInvariant(), version.Mode, version.CodeSource, version.DebuggingEnabled, database.Description);
        if (database.Kind == DatabaseKind.Sqlite)
            DataDirectory.Prepare(settings.DataDirectory);
        await database.WaitReachableAsync(DatabaseWait, services.GetRequiredService<TimeProvider>(), ct);
        await Migrations.ApplyAsync(database, log, ct);
    }
}
