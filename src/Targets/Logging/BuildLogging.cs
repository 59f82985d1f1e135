using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Serilog.Sinks.SystemConsole.Themes;

namespace Targets;

/// <summary>Creates the run's Serilog logger: one console sink for the output mode, one file sink, all behind redaction.</summary>
public static class BuildLogging
{
    /// <summary>Events with this property go to the log file only (the console got them in a richer form).</summary>
    public const string FileOnly = "FileOnly";

    const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";
    const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>Creates the logger.</summary>
    public static Logger Create(OutputMode mode, TextWriter console, bool useSystemConsole, LogEventLevel consoleLevel, string? logFile, Redactor redactor)
    {
        var inner = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Logger(c => Console(c.MinimumLevel.Is(consoleLevel).Filter.ByExcluding(Matching.WithProperty(FileOnly)), mode, console, useSystemConsole));
        if (logFile is not null)
            inner = inner.WriteTo.File(logFile, outputTemplate: FileTemplate, shared: true, restrictedToMinimumLevel: LogEventLevel.Debug);
        ILogEventSink sink = inner.CreateLogger();
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Sink(new RedactingSink(sink, redactor))
            .CreateLogger();
    }

    /// <summary>A logger that writes to <paramref name="parent"/> and also, redacted, to <paramref name="logFile"/>.</summary>
    public static Logger CreateAreaLogger(ILogger parent, string logFile, Redactor redactor)
    {
        var file = new LoggerConfiguration().MinimumLevel.Debug()
            .WriteTo.File(logFile, outputTemplate: FileTemplate, shared: true)
            .CreateLogger();
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Logger(parent)
            .WriteTo.Sink(new RedactingSink(file, redactor))
            .CreateLogger();
    }

    static LoggerConfiguration Console(LoggerConfiguration config, OutputMode mode, TextWriter writer, bool useSystemConsole) => mode switch
    {
        OutputMode.Json => config.WriteTo.Sink(new WriterSink(new RenderedCompactJsonFormatter(), writer)),
        OutputMode.GitHubActions => config.WriteTo.Sink(new WriterSink(new GitHubActionsFormatter(), writer)),
        OutputMode.Terminal when useSystemConsole => config.WriteTo.Console(outputTemplate: ConsoleTemplate, theme: AnsiConsoleTheme.Sixteen, applyThemeToRedirectedOutput: true),
        _ => config.WriteTo.Sink(new WriterSink(new MessageTemplateTextFormatter(ConsoleTemplate), writer)),
    };
}
