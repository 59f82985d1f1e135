using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Targets;

/// <summary>Creates the run's Serilog logger: one console sink for the output mode and one file sink, both masking secrets.</summary>
internal static class BuildLogging
{
    /// <summary>Events with this property go to the log file only (the console got them in a richer form).</summary>
    public const string FileOnly = "FileOnly";

    public static Logger Create(OutputMode mode, TextWriter console, LogEventLevel consoleLevel, string? logFile, Redactor redactor)
    {
        ITextFormatter formatter = mode switch
        {
            OutputMode.Json => new RenderedCompactJsonFormatter(),
            OutputMode.GitHubActions => new MessageTemplateTextFormatter("{Message:lj}{NewLine}{Exception}"),
            _ => new MessageTemplateTextFormatter("{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}"),
        };
        var config = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Logger(c => c
            .MinimumLevel.Is(consoleLevel).Filter.ByExcluding(Matching.WithProperty(FileOnly))
            .WriteTo.Sink(new Writer(new Masked(formatter, redactor, mode), console)));
        return (logFile is null ? config : ToFile(config, logFile, redactor)).CreateLogger();
    }

    public static Logger CreateAreaLogger(ILogger parent, string logFile, Redactor redactor) =>
        ToFile(new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Logger(parent), logFile, redactor).CreateLogger();

    static LoggerConfiguration ToFile(LoggerConfiguration config, string logFile, Redactor redactor) =>
        config.WriteTo.File(new Masked(new MessageTemplateTextFormatter("{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}"), redactor), logFile, LogEventLevel.Debug, shared: true);

    sealed class Writer(ITextFormatter formatter, TextWriter writer) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }

    /// <summary>
    /// Formats an event, exception included, then masks every secret in the text. In a terminal, warnings and errors
    /// are colored; on GitHub Actions they become one-line workflow commands, so they show as annotations.
    /// </summary>
    sealed class Masked(ITextFormatter inner, Redactor redactor, OutputMode mode = OutputMode.Plain) : ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            using var text = new StringWriter();
            inner.Format(logEvent, text);
            var line = redactor.Redact(text.ToString());
            var error = logEvent.Level >= LogEventLevel.Error;
            if (logEvent.Level < LogEventLevel.Warning || mode is OutputMode.Plain or OutputMode.Json)
                output.Write(line);
            else if (mode == OutputMode.Terminal)
                output.WriteLine($"{(error ? "\u001b[31m" : "\u001b[33m")}{line.TrimEnd()}\u001b[0m");
            else
                output.WriteLine((error ? "::error::" : "::warning::") + line.TrimEnd().Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));
        }
    }
}
