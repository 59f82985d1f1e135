using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Targets;

/// <summary>Plain lines, with errors and warnings as GitHub workflow commands so they show as annotations.</summary>
internal sealed class GitHubActionsFormatter : ITextFormatter
{
    readonly MessageTemplateTextFormatter plain = new("{Message:lj}{NewLine}{Exception}");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var prefix = logEvent.Level switch
        {
            LogEventLevel.Error or LogEventLevel.Fatal => "::error::",
            LogEventLevel.Warning => "::warning::",
            _ => "",
        };
        if (prefix.Length == 0)
        {
            plain.Format(logEvent, output);
            return;
        }
        using var text = new StringWriter();
        plain.Format(logEvent, text);
        // Workflow commands take one line: encode newlines as GitHub documents.
        output.WriteLine(prefix + text.ToString().TrimEnd().Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));
    }
}
