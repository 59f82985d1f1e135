using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Targets;

/// <summary>Writes formatted events to a <see cref="TextWriter"/>, one at a time.</summary>
internal sealed class WriterSink(ITextFormatter formatter, TextWriter writer) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (writer)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
