using Serilog.Events;

namespace App.Hosting;

/// <summary>Request log levels: probes only at Verbose when they pass, so a 5 s health check does not flood the log.</summary>
public static class RequestLogLevel
{
    /// <summary>The level for one finished request.</summary>
    public static LogEventLevel For(HttpContext context, double elapsedMilliseconds, Exception? error) =>
        error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : IsProbe(context.Request.Path) && context.Response.StatusCode < 400 ? LogEventLevel.Verbose
        : LogEventLevel.Information;

    static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/ready");
}
