using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace App.Hosting;

/// <summary>
/// Serilog to the console: compact JSON, one object per line, with <c>LOG_FORMAT=json</c> (the production image sets it);
/// otherwise colored text in development and plain text in production. The minimum level follows
/// <c>Logging:LogLevel:Default</c> (<c>Logging__LogLevel__Default=Debug</c> in the debug image).
/// </summary>
public static class LoggingSetup
{
    const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Builds the process-wide logger.</summary>
    public static Serilog.ILogger Create(AppSettings settings, RuntimeMode mode, string? defaultLevel)
    {
        var level = ParseLevel(defaultLevel);
        var frameworkLevel = level <= LogEventLevel.Debug ? level : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", frameworkLevel)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft.AspNetCore.Server.Kestrel", Max(frameworkLevel, LogEventLevel.Information))
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Routing", LogEventLevel.Warning)
            .MinimumLevel.Override("System", frameworkLevel)
            .Enrich.FromLogContext();
        return (settings.JsonLogs
                ? configuration.WriteTo.Console(new CompactJsonFormatter())
                : configuration.WriteTo.Console(
                    outputTemplate: Template,
                    theme: mode.IsDevelopment ? AnsiConsoleTheme.Code : ConsoleTheme.None,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();
    }

    /// <summary>
    /// Kestrel's per-connection lines and the host's and routing's own per-request lines stay out even at Debug: health probes every few
    /// seconds would bury everything else, and the request logging middleware already logs each request once.
    /// </summary>
    static LogEventLevel Max(LogEventLevel a, LogEventLevel b) => a > b ? a : b;

    /// <summary>Maps a Microsoft.Extensions.Logging level name to Serilog's (Information when unknown).</summary>
    public static LogEventLevel ParseLevel(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "trace" or "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "critical" or "fatal" or "none" => LogEventLevel.Fatal,
        _ => LogEventLevel.Information,
    };
}
